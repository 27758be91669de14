package org.tessera.oauth.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.tessera.TesseraProperties;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.audit.AuditEvent;
import org.tessera.audit.AuditTrail;
import org.tessera.audit.CallerView;
import org.tessera.oauth.token.AccessTokenClaims;
import org.tessera.oauth.token.TokenIdentity;
import org.tessera.oauth.token.TokenNarrowing;
import org.tessera.oauth.token.TokenIdentities;
import org.tessera.policy.Decision;
import org.tessera.policy.InvalidPolicyException;
import org.tessera.policy.PolicyEvaluator;
import org.tessera.policy.PolicyLimits;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.TrustEntry;
import org.tessera.serviceaccount.ServiceAccountDirectory;

/**
 * Impersonation of a service account by RFC 8693 token exchange, checked in the
 * documented order (src/site/markdown/tokens.md, "Impersonation"): the actor token, the
 * target, trust, policy, chain depth. Every outcome with a known actor or an
 * authenticated service account is audited before the answer leaves, the target's account
 * seeing the real reason and the caller's side one reason for every refusal; every
 * refusal, a bad actor token included, is the same {@code invalid_request}, so nobody can
 * learn, from the answer or from their own audit log, which service accounts exist, trust
 * whom, or which of their tokens still work.
 */
public final class ImpersonationProvider implements AuthenticationProvider {

	static final String EVENT_TYPE = "ImpersonateServiceAccount";

	/** The one reason the caller's side of a refusal after step 1 sees. */
	static final String CALLER_REFUSAL = "not_permitted_or_not_found";

	private static final Logger LOG = LoggerFactory.getLogger(ImpersonationProvider.class);

	/**
	 * The least an actor token must still live once every check passed: the new token may
	 * not outlive it, and the token generator stamps its own issue time a little later,
	 * after the audit write; a new token that would expire as it is issued cannot be
	 * made.
	 */
	private static final Duration MIN_ACTOR_LIFETIME_LEFT = Duration.ofSeconds(1);

	private static final Pattern UNSAFE_IN_DESCRIPTION = Pattern.compile("[^A-Za-z0-9:/._@+=,-]");

	private final ServiceAccountDirectory serviceAccounts;

	private final TokenIdentities identities;

	private final JwtDecoder decoder;

	private final OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator;

	private final AuditTrail audit;

	private final Clock clock;

	private final Duration lifetime;

	private final int maxDepth;

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	private static final PolicyParser SESSION_PARSER = new PolicyParser(PolicyLimits.DEFAULT);

	private final AtomicLong unauthenticatedRefusals = new AtomicLong();

	public ImpersonationProvider(ServiceAccountDirectory serviceAccounts, TokenIdentities identities,
			JwtDecoder decoder, OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator, AuditTrail audit,
			TesseraProperties properties, Clock clock) {
		this.serviceAccounts = serviceAccounts;
		this.identities = identities;
		this.decoder = decoder;
		this.tokenGenerator = tokenGenerator;
		this.audit = audit;
		this.clock = clock;
		this.lifetime = properties.tokens().impersonationLifetime();
		this.maxDepth = properties.tokens().maxDelegationDepth();
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		ImpersonationRequest request = (ImpersonationRequest) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		RegisteredClient registeredClient = client.getRegisteredClient();
		if (!registeredClient.getAuthorizationGrantTypes().contains(AuthorizationGrantType.TOKEN_EXCHANGE)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
		}
		Optional<ServiceAccount> target = findTarget(request.target());

		// Step 1: the actor token is valid, issued here to this client, unexpired,
		// unrevoked
		Actor actor = actorOf(request.actorToken(), registeredClient.getClientId());
		if (actor == null) {
			recordInvalidActorToken(request, client, registeredClient);
			throw denied(request.target());
		}
		String refusal = refusal(actor, target, request.externalId());
		if (refusal != null) {
			record(request, registeredClient, actor, target, AuditEvent.DENIED, refusal);
			throw denied(request.target());
		}
		Authentication issued;
		try {
			issued = issue(client, registeredClient, target.get(), actor, request.displayName(), request.narrowing());
		}
		catch (OAuth2AuthenticationException ex) {
			record(request, registeredClient, actor, target, AuditEvent.DENIED, "token_not_issued");
			throw ex;
		}
		// Audited after the token is made, so that the time a durable audit write takes
		// cannot
		// run out the actor token between the check of step 1 and the new token's issue
		// time
		record(request, registeredClient, actor, target, AuditEvent.ALLOWED, "allowed");
		return issued;
	}

	/**
	 * Steps 2 to 5, and step 1 once more for the time they took; null when all hold, else
	 * the real reason for the audit log.
	 */
	private @Nullable String refusal(Actor actor, Optional<ServiceAccount> target, @Nullable String externalId) {
		// Step 2: the target exists, is enabled and not deleted
		if (target.isEmpty()) {
			return "target_not_found";
		}
		ServiceAccount sa = target.get();
		if (sa.deleted()) {
			return "target_deleted";
		}
		if (!sa.enabled()) {
			return "target_disabled";
		}
		// Step 3: trust, the actor's account is the target's own or one it trusts, on the
		// trust entry's conditions
		String untrusted = trustRefusal(sa, actor, externalId);
		if (untrusted != null) {
			return untrusted;
		}
		// Step 4: the actor's policies allow iam:ImpersonateServiceAccount on the target,
		// and no Deny matches
		Decision decision = this.evaluator.evaluate(actor.principal().account().value(), actor.statements(),
				actor.sessionPolicy(), PolicyEvaluator.IMPERSONATE_ACTION, sa.principal().crn().toString());
		if (decision == Decision.EXPLICIT_DENY) {
			return "policy_explicit_deny";
		}
		if (!decision.allowed()) {
			return "policy_no_allow";
		}
		// Step 5: the chain of act stays within the configured depth
		if (actor.depthOfNewChain() > this.maxDepth) {
			return "delegation_chain_too_deep";
		}
		// Step 1 again: the actor token still lives long enough for a token to be issued
		// within it
		if (expiresTooSoon(actor)) {
			return "actor_token_invalid";
		}
		return null;
	}

	/**
	 * Step 3: null when the target's own account acts, or a trust entry for the actor's
	 * account admits the actor with the external id it was given.
	 */
	private static @Nullable String trustRefusal(ServiceAccount sa, Actor actor, @Nullable String externalId) {
		if (sa.account().equals(actor.principal().account())) {
			return null;
		}
		Optional<TrustEntry> entry = sa.trustOf(actor.principal().account());
		if (entry.isEmpty()) {
			return "account_not_trusted";
		}
		if (!entry.get().externalIdMatches(externalId)) {
			return "external_id_mismatch";
		}
		if (!entry.get().admits(actor.principal())) {
			return "principal_not_trusted";
		}
		return null;
	}

	private boolean expiresTooSoon(Actor actor) {
		return actor.notAfter() != null
				&& actor.notAfter().isBefore(this.clock.instant().plus(MIN_ACTOR_LIFETIME_LEFT));
	}

	private @Nullable Actor actorOf(@Nullable String actorToken, String clientId) {
		if (actorToken == null) {
			return this.identities.forServiceAccount(clientId)
				.map((identity) -> new Actor(identity.principal(), identity.perms(), null, null))
				.orElse(null);
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decode(actorToken);
		}
		catch (JwtException ex) {
			return null;
		}
		if (!clientId.equals(jwt.getClaimAsString(AccessTokenClaims.CLIENT_ID))) {
			return null;
		}
		Optional<PrincipalRef> principal = PrincipalRef.fromCrn(jwt.getSubject());
		if (principal.isEmpty()) {
			return null;
		}
		Map<String, Object> priorActor = jwt.getClaim(AccessTokenClaims.ACTOR);
		List<Statement> session;
		try {
			Object claim = jwt.getClaims().get(AccessTokenClaims.SESSION_PERMS);
			session = (claim != null) ? SESSION_PARSER.parseStatements(claim, AccessTokenClaims.SESSION_PERMS) : null;
		}
		catch (InvalidPolicyException ex) {
			return null;
		}
		return new Actor(principal.get(), this.identities.forPrincipal(principal.get()).perms(), priorActor,
				jwt.getExpiresAt(), session);
	}

	/**
	 * The new token's expiry: the lifetime asked for (else the configured impersonation
	 * lifetime), within the target's {@code maxSessionDuration}, the trust entry's
	 * maximum, and the actor token's remaining life.
	 */
	private Instant expiry(ServiceAccount target, Actor actor, TokenNarrowing narrowing) {
		Duration lifetime = (narrowing.requestedLifetime() != null) ? narrowing.requestedLifetime() : this.lifetime;
		lifetime = shorter(lifetime, target.maxSessionDuration());
		Optional<TrustEntry> entry = target.account().equals(actor.principal().account()) ? Optional.empty()
				: target.trustOf(actor.principal().account());
		if (entry.isPresent() && entry.get().maxSessionDuration() != null) {
			lifetime = shorter(lifetime, entry.get().maxSessionDuration());
		}
		Instant notAfter = this.clock.instant().plus(lifetime);
		if (actor.notAfter() != null && actor.notAfter().isBefore(notAfter)) {
			notAfter = actor.notAfter();
		}
		return notAfter;
	}

	private static Duration shorter(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private Optional<ServiceAccount> findTarget(String target) {
		if (target.startsWith("crn:")) {
			return PrincipalRef.fromCrn(target)
				.filter((principal) -> principal.kind() == PrincipalRef.Kind.SERVICE_ACCOUNT)
				.flatMap((principal) -> this.serviceAccounts.find(principal.id())
					.filter((sa) -> sa.account().equals(principal.account())));
		}
		return this.serviceAccounts.find(target);
	}

	private Authentication issue(OAuth2ClientAuthenticationToken client, RegisteredClient registeredClient,
			ServiceAccount target, Actor actor, @Nullable String displayName, TokenNarrowing narrowing) {
		Instant notAfter = expiry(target, actor, narrowing);
		TokenIdentity targetIdentity = this.identities.forPrincipal(target.principal());
		TokenIdentity identity = new TokenIdentity(target.principal(), targetIdentity.perms(), actor.actClaim(),
				notAfter);
		DefaultOAuth2TokenContext context = DefaultOAuth2TokenContext.builder()
			.registeredClient(registeredClient)
			.principal(client)
			.authorizationServerContext(AuthorizationServerContextHolder.getContext())
			.authorizedScopes(Set.of())
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.authorizationGrant(new ImpersonationGrant(identity, displayName, narrowing))
			.build();
		OAuth2Token token = this.tokenGenerator.generate(context);
		if (token == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.SERVER_ERROR);
		}
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token.getTokenValue(),
				token.getIssuedAt(), token.getExpiresAt());
		return new OAuth2AccessTokenAuthenticationToken(registeredClient, client, accessToken, null,
				Map.of("issued_token_type", ImpersonationRequestConverter.ACCESS_TOKEN_TYPE));
	}

	/**
	 * A refusal at step 1 names no account but the client's: nobody is known to act, so
	 * the target's account gets nothing, whatever the request named. Through the public
	 * client nobody is authenticated at all, and nothing is written, only counted at
	 * DEBUG level.
	 */
	private void recordInvalidActorToken(ImpersonationRequest request, OAuth2ClientAuthenticationToken client,
			RegisteredClient registeredClient) {
		Optional<ServiceAccount> clientAccount = ClientAuthenticationMethod.NONE
			.equals(client.getClientAuthenticationMethod()) ? Optional.empty()
					: this.serviceAccounts.find(registeredClient.getClientId());
		if (clientAccount.isEmpty()) {
			long refused = this.unauthenticatedRefusals.incrementAndGet();
			LOG.debug("Token exchange refused before anyone was authenticated (invalid actor token) through client {};"
					+ " {} since start", registeredClient.getClientId(), refused);
			return;
		}
		PrincipalRef principal = clientAccount.get().principal();
		this.audit.record(new AuditEvent(0, this.clock.instant(), EVENT_TYPE, AuditEvent.DENIED, "actor_token_invalid",
				principal.crn().toString(), principal.account().value(), List.of(), printable(request.target()), null,
				registeredClient.getClientId()));
	}

	/**
	 * Records an outcome once the actor is known. The target's account sees the real
	 * reason; every other account (the actor's, those of its chain) sees one reason for
	 * every refusal after step 1, and the target as it was named: any of them, the policy
	 * ones included, would tell the caller that the target exists, is enabled or trusts
	 * it. An account that is the actor's and the one the request named, with no other
	 * account in the chain, sees a missing target's real reason.
	 */
	private void record(ImpersonationRequest request, RegisteredClient client, Actor actor,
			Optional<ServiceAccount> target, String decision, String reason) {
		String requested = printable(request.target());
		String targetName = target.map((sa) -> sa.principal().crn().toString()).orElse(requested);
		// only a target that exists is some account's: a made-up CRN must not write into
		// the log of the account it names
		String targetAccount = target.map((sa) -> sa.account().value()).orElse(null);
		boolean realForCaller = AuditEvent.ALLOWED.equals(decision)
				|| (target.isEmpty() && ownMissingTarget(request, actor));
		CallerView callerView = realForCaller ? null : new CallerView(CALLER_REFUSAL, requested);
		this.audit.record(new AuditEvent(0, this.clock.instant(), EVENT_TYPE, decision, reason,
				actor.principal().crn().toString(), actor.principal().account().value(), actor.priorActors(),
				targetName, targetAccount, client.getClientId(), request.displayName()), callerView);
	}

	/**
	 * Whether the request named a target in the actor's account, and nobody of another
	 * account is in its chain.
	 */
	private static boolean ownMissingTarget(ImpersonationRequest request, Actor actor) {
		AccountId own = actor.principal().account();
		return PrincipalRef.fromCrn(request.target()).filter((named) -> named.account().equals(own)).isPresent()
				&& actor.priorActors()
					.stream()
					.allMatch((crn) -> PrincipalRef.fromCrn(crn).filter((p) -> p.account().equals(own)).isPresent());
	}

	private static OAuth2AuthenticationException denied(String target) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "Permission " + PolicyEvaluator.IMPERSONATE_ACTION
						+ " denied on " + printable(target) + " (or it may not exist)", null));
	}

	/**
	 * The target as the caller named it, reduced to characters safe in an error
	 * description.
	 */
	private static String printable(String target) {
		String safe = UNSAFE_IN_DESCRIPTION.matcher(target).replaceAll("?");
		return (safe.length() > 200) ? safe.substring(0, 200) : safe;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ImpersonationRequest.class.isAssignableFrom(authentication);
	}

}
