package org.tessera.vserver.servers;

import java.util.Map;
import java.util.Set;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives {@link ServersController} a {@link ServerPath} from the path variables Spring MVC
 * has already matched and decoded. The {@code @PathVariable String} arguments it replaces
 * created and initialised a data binder for each of them to convert a string into a
 * string (src/site/markdown/decisions/0010-vserver-per-request-work.md). A path without
 * {@code {id}} names the whole collection; a path with any variable but {@code {acct}}
 * and {@code {id}} is a programming error, refused rather than authorized as the
 * collection.
 */
class ServerPathArgumentResolver implements HandlerMethodArgumentResolver {

	private static final String ACCOUNT = "acct";

	private static final String ID = "id";

	private static final Set<String> VARIABLES = Set.of(ACCOUNT, ID);

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == ServerPath.class;
	}

	@Override
	public ServerPath resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (variables == null || !variables.containsKey(ACCOUNT) || !VARIABLES.containsAll(variables.keySet())) {
			// fail closed: a path with another variable must not be authorized as the
			// whole collection
			throw new IllegalStateException(parameter.getExecutable() + " is mapped to a path with variables "
					+ ((variables != null) ? variables.keySet() : "[]") + ", not {acct} and at most {id}");
		}
		return new ServerPath(variables.get(ACCOUNT), variables.getOrDefault(ID, ServerPath.EVERY_SERVER));
	}

}
