package org.tessera.access;

import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.tessera.account.AccountId;

/**
 * Lets management handlers take an unannotated {@link AccountId} parameter, read from the
 * path's {@code {acct}} segment by {@link AccountPath#parse} (404 for a segment no
 * account could have). Arguments resolve in declaration order: a handler that also takes
 * a body or query parameters declares the {@code AccountId} after them, so a malformed
 * body is still refused (400) before an impossible account (404). A handler mapped
 * without {@code {acct}} is a programming error.
 */
public class AccountPathArgumentResolver implements HandlerMethodArgumentResolver {

	private static final String ACCOUNT = "acct";

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == AccountId.class && !parameter.hasParameterAnnotations();
	}

	@Override
	public AccountId resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (variables == null || !variables.containsKey(ACCOUNT)) {
			throw new IllegalStateException(
					parameter.getExecutable() + " takes an AccountId but its path has no {acct}");
		}
		return AccountPath.parse(variables.get(ACCOUNT));
	}

}
