package org.tessera.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.tessera.oauth.token.AccessTokenClaims;
import org.tessera.policy.InvalidPolicyException;
import org.tessera.policy.PolicyLimits;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;
import org.tessera.oauth.token.ActorChain;

/**
 * Lets management controllers take a {@link Caller} parameter, read from the bearer
 * token's {@code sub} and its {@code act} chain; a token whose chain names anything but
 * IAM principals is refused.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private static final PolicyParser PARSER = new PolicyParser(PolicyLimits.DEFAULT);

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			PrincipalRef principal = PrincipalRef.fromCrn(jwt.getSubject())
				.orElseThrow(() -> new InsufficientAuthenticationException("the token names no IAM principal"));
			return new Caller(principal, actors(jwt.getClaim(AccessTokenClaims.ACTOR)),
					jwt.getClaimAsString(AccessTokenClaims.DISPLAY_NAME), sessionPolicy(jwt));
		}
		throw new InsufficientAuthenticationException("a bearer token is required");
	}

	/**
	 * The statements this server wrote into the token's {@code session_perms}, if any.
	 */
	private static @Nullable List<Statement> sessionPolicy(Jwt jwt) {
		Object session = jwt.getClaims().get(AccessTokenClaims.SESSION_PERMS);
		if (session == null) {
			return null;
		}
		try {
			return PARSER.parseStatements(session, AccessTokenClaims.SESSION_PERMS);
		}
		catch (InvalidPolicyException ex) {
			throw new InsufficientAuthenticationException("the token's session_perms claim is malformed");
		}
	}

	private static List<PrincipalRef> actors(Object act) {
		List<String> subjects = ActorChain.subjects(act)
			.orElseThrow(() -> new InsufficientAuthenticationException("the token's act claim is malformed"));
		List<PrincipalRef> actors = new ArrayList<>(subjects.size());
		for (String subject : subjects) {
			Optional<PrincipalRef> actor = PrincipalRef.fromCrn(subject);
			actors.add(actor.orElseThrow(
					() -> new InsufficientAuthenticationException("the token's act claim names no IAM principal")));
		}
		return actors;
	}

}
