package org.tessera.vserver.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The collection is named only by a path without {@code {id}}; a path with any other
 * variable fails closed instead of being authorized against every server of the account.
 */
class ServerPathArgumentResolverTests {

	private final ServerPathArgumentResolver resolver = new ServerPathArgumentResolver();

	@Test
	void onePathNamesOneServerAndTheCollectionPathNamesEveryServer() throws Exception {
		assertThat(resolve(Map.of("acct", "53461", "id", "srv-a"))).isEqualTo(new ServerPath("53461", "srv-a"));
		assertThat(resolve(Map.of("acct", "53461", "id", "srv-a")).crn()).isEqualTo("crn:vserver:53461:server/srv-a");
		assertThat(resolve(Map.of("acct", "53461")).crn()).isEqualTo("crn:vserver:53461:server/*");
	}

	@Test
	void aPathWithAnotherVariableOrNoAccountIsRefusedRatherThanTakenForTheCollection() {
		assertThatIllegalStateException().isThrownBy(() -> resolve(Map.of("acct", "53461", "serverId", "srv-a")));
		assertThatIllegalStateException().isThrownBy(() -> resolve(Map.of("id", "srv-a")));
		assertThatIllegalStateException().isThrownBy(() -> resolve(null));
	}

	private ServerPath resolve(Map<String, String> variables) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (variables != null) {
			request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
		}
		MethodParameter parameter = new MethodParameter(
				ServersController.class.getMethod("get", Jwt.class, ServerPath.class), 1);
		assertThat(this.resolver.supportsParameter(parameter)).isTrue();
		return this.resolver.resolveArgument(parameter, null, new ServletWebRequest(request), null);
	}

}
