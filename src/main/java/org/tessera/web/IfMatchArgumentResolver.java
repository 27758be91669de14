package org.tessera.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets handlers take an {@link IfMatch} parameter instead of each reading the header.
 * Several {@code If-Match} lines read as one value joined by commas, as
 * {@code @RequestHeader} reads them.
 */
public class IfMatchArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == IfMatch.class;
	}

	@Override
	public IfMatch resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		String[] values = request.getHeaderValues(HttpHeaders.IF_MATCH);
		if (values == null || values.length == 0) {
			return IfMatch.ANY;
		}
		return new IfMatch(String.join(",", values));
	}

}
