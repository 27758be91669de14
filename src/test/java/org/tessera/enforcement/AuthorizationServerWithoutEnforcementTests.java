package org.tessera.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.tessera.support.IntegrationTest;

/**
 * The enforcement auto-configuration ships in the authorization server's own jar too, but
 * the authorization server never enforces resource-server rules on itself: it does not
 * set {@code tessera.enforcement.issuer}, and its component scan leaves
 * {@code org.tessera.enforcement} out.
 */
class AuthorizationServerWithoutEnforcementTests extends IntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void theAuthorizationServerHasNoneOfTheEnforcementBeans() {
		assertThat(this.context.getBeanNamesForType(TesseraEnforcementAutoConfiguration.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(VerifiedTokenCache.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TesseraPolicyAuthorizer.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(PolicyDeniedProblemHandler.class)).isEmpty();
	}

}
