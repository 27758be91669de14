package org.tessera.oauth.exchange;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.tessera.TesseraProperties;
import org.tessera.access.PrincipalRef;
import org.tessera.account.AccountId;
import org.tessera.audit.AuditEvent;
import org.tessera.audit.AuditTrail;
import org.tessera.audit.CallerView;
import org.tessera.oauth.token.TokenIdentities;
import org.tessera.oauth.token.TokenIdentity;
import org.tessera.policy.Effect;
import org.tessera.policy.PolicyEvaluator;
import org.tessera.policy.Statement;
import org.tessera.serviceaccount.ClientSecret;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountDirectory;
import org.tessera.serviceaccount.ServiceAccountKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each step of impersonation on its own, without a server: what the caller is told (one
 * {@code invalid_request} for every refusal) and what is audited (the target's account
 * sees the real reason, the caller's side {@code not_permitted_or_not_found}). Service
 * accounts, identities, the actor token's decoder and the audit log are small fakes.
 */
class ImpersonationProviderTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static final AccountId CALLERS = new AccountId("111111111111");

	private static final AccountId TARGETS = new AccountId("222222222222");

	private static final String CALLER_SA = "sa-caller";

	private static final PrincipalRef ALICE = PrincipalRef.user(CALLERS, "alice");

	private static final Statement MAY_IMPERSONATE = new Statement(Effect.ALLOW,
			List.of(PolicyEvaluator.IMPERSONATE_ACTION), List.of("*"));

	private final Directory directory = new Directory();

	private final Map<PrincipalRef, List<Statement>> statements = new HashMap<>();

	private final Map<String, Jwt> actorTokens = new HashMap<>();

	private final List<Recorded> audited = new ArrayList<>();

	private OAuth2TokenGenerator<OAuth2AccessToken> tokenGenerator = (context) -> new OAuth2AccessToken(
			OAuth2AccessToken.TokenType.BEARER, "issued-token", NOW, NOW.plusSeconds(3600));

	@BeforeEach
	void serviceAccountsAndAServerContext() {
		this.directory.add(serviceAccount(CALLER_SA, CALLERS, true, null));
		this.statements.put(PrincipalRef.serviceAccount(CALLERS, CALLER_SA), List.of(MAY_IMPERSONATE));
		this.statements.put(ALICE, List.of(MAY_IMPERSONATE));
		AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {

			@Override
			public String getIssuer() {
				return "http://localhost";
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return AuthorizationServerSettings.builder().build();
			}

		});
	}

	@AfterEach
	void noServerContext() {
		AuthorizationServerContextHolder.resetContext();
	}

	@Test
	void anActorTokenThatDoesNotDecodeIsRefusedAndAuditedInTheClientsOwnAccountOnly() {
		trustedTarget("sa-target");

		OAuth2AuthenticationException refusal = refused(request("sa-target", "not-a-token"));

		assertRefusedAsAnyOther(refusal, "sa-target");
		Recorded only = onlyAudited();
		assertThat(only.event().reason()).isEqualTo("actor_token_invalid");
		assertThat(only.event().decision()).isEqualTo(AuditEvent.DENIED);
		assertThat(only.event().actor()).isEqualTo(PrincipalRef.serviceAccount(CALLERS, CALLER_SA).crn().toString());
		assertThat(only.event().actorAccount()).isEqualTo(CALLERS.value());
		assertThat(only.event().targetAccount()).isNull();
		assertThat(only.callerView()).isNull();
	}

	@Test
	void anActorTokenIssuedToAnotherClientIsRefusedAsInvalid() {
		trustedTarget("sa-target");
		this.actorTokens.put("alice-token", actorToken(ALICE, "another-client", null, NOW.plusSeconds(600)));

		OAuth2AuthenticationException refusal = refused(request("sa-target", "alice-token"));

		assertRefusedAsAnyOther(refusal, "sa-target");
		assertThat(onlyAudited().event().reason()).isEqualTo("actor_token_invalid");
	}

	@Test
	void anInvalidActorTokenThroughThePublicClientIsRefusedAndAuditedNowhere() {
		trustedTarget("sa-target");
		OAuth2ClientAuthenticationToken cli = new OAuth2ClientAuthenticationToken(client("tessera-cli"),
				ClientAuthenticationMethod.NONE, null);

		OAuth2AuthenticationException refusal = refused(
				new ImpersonationRequest(cli, "sa-target", "not-a-token", null, Map.of()));

		assertRefusedAsAnyOther(refusal, "sa-target");
		assertThat(this.audited).isEmpty();
	}

	@Test
	void aTargetThatDoesNotExistIsRefusedTheTargetsSideSeeingTheRealReasonAndTheCallerOneReasonForAll() {
		OAuth2AuthenticationException refusal = refused(request("sa-nobody", null));

		assertRefusedAsAnyOther(refusal, "sa-nobody");
		Recorded only = onlyAudited();
		assertThat(only.event().reason()).isEqualTo("target_not_found");
		assertThat(only.event().target()).isEqualTo("sa-nobody");
		assertThat(only.event().targetAccount()).isNull();
		assertThat(only.callerView()).isEqualTo(new CallerView("not_permitted_or_not_found", "sa-nobody"));
	}

	@Test
	void aMissingTargetNamedInTheCallersOwnAccountShowsTheCallerTheRealReason() {
		String ownCrn = PrincipalRef.serviceAccount(CALLERS, "sa-gone").crn().toString();

		OAuth2AuthenticationException refusal = refused(request(ownCrn, null));

		assertRefusedAsAnyOther(refusal, ownCrn);
		Recorded only = onlyAudited();
		assertThat(only.event().reason()).isEqualTo("target_not_found");
		assertThat(only.callerView()).isNull();
	}

	@Test
	void aDeletedTargetIsRefusedAndAuditedAsDeletedForItsAccountOnly() {
		this.directory.add(serviceAccount("sa-target", TARGETS, true, NOW.minusSeconds(60), CALLERS));

		assertRefusedAsAnyOther(refused(request("sa-target", null)), "sa-target");

		assertAuditedForTargetAccount("target_deleted", "sa-target");
	}

	@Test
	void aDisabledTargetIsRefusedAndAuditedAsDisabledForItsAccountOnly() {
		this.directory.add(serviceAccount("sa-target", TARGETS, false, null, CALLERS));

		assertRefusedAsAnyOther(refused(request("sa-target", null)), "sa-target");

		assertAuditedForTargetAccount("target_disabled", "sa-target");
	}

	@Test
	void aTargetWhoseAccountDoesNotTrustTheCallersIsRefusedAndAuditedAsNotTrusted() {
		this.directory.add(serviceAccount("sa-target", TARGETS, true, null));

		assertRefusedAsAnyOther(refused(request("sa-target", null)), "sa-target");

		assertAuditedForTargetAccount("account_not_trusted", "sa-target");
	}

	@Test
	void aCallerWhosePolicyDeniesImpersonationIsRefusedAndAuditedAsAnExplicitDeny() {
		trustedTarget("sa-target");
		this.statements.put(PrincipalRef.serviceAccount(CALLERS, CALLER_SA), List.of(Statement.ALLOW_ALL,
				new Statement(Effect.DENY, List.of(PolicyEvaluator.IMPERSONATE_ACTION), List.of("*"))));

		assertRefusedAsAnyOther(refused(request("sa-target", null)), "sa-target");

		assertAuditedForTargetAccount("policy_explicit_deny", "sa-target");
	}

	@Test
	void aCallerWithNoPolicyAllowingImpersonationIsRefusedAndAuditedAsNoAllow() {
		trustedTarget("sa-target");
		this.statements.put(PrincipalRef.serviceAccount(CALLERS, CALLER_SA), List.of());

		assertRefusedAsAnyOther(refused(request("sa-target", null)), "sa-target");

		assertAuditedForTargetAccount("policy_no_allow", "sa-target");
	}

	@Test
	void anActorWhoseChainWouldPassTheMaximumDepthIsRefusedAndAuditedAsTooDeep() {
		trustedTarget("sa-target");
		Map<String, Object> threeDeep = chain(CALLERS, "sa-one",
				chain(CALLERS, "sa-two", chain(CALLERS, "sa-three", null)));
		this.actorTokens.put("deep-token", actorToken(ALICE, CALLER_SA, threeDeep, NOW.plusSeconds(600)));

		assertRefusedAsAnyOther(refused(request("sa-target", "deep-token")), "sa-target");

		assertAuditedForTargetAccount("delegation_chain_too_deep", "sa-target");
		assertThat(onlyAudited().event().actorChain()).hasSize(3);
	}

	@Test
	void anActorTokenThatExpiresBeforeATokenCouldBeIssuedIsRefusedAfterTheOtherChecksAsInvalid() {
		trustedTarget("sa-target");
		this.actorTokens.put("dying-token", actorToken(ALICE, CALLER_SA, null, NOW.plusMillis(500)));

		assertRefusedAsAnyOther(refused(request("sa-target", "dying-token")), "sa-target");

		assertAuditedForTargetAccount("actor_token_invalid", "sa-target");
	}

	@Test
	void aTokenTheGeneratorCannotMakeIsAuditedAsNotIssued() {
		trustedTarget("sa-target");
		this.tokenGenerator = (context) -> null;

		OAuth2AuthenticationException failure = refused(request("sa-target", null));

		assertThat(failure.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.SERVER_ERROR);
		assertAuditedForTargetAccount("token_not_issued", "sa-target");
	}

	@Test
	void aPermittedImpersonationIssuesATokenAndIsAuditedAsAllowedForEveryone() {
		ServiceAccount target = trustedTarget("sa-target");
		this.actorTokens.put("alice-token", actorToken(ALICE, CALLER_SA, null, NOW.plusSeconds(600)));

		Authentication issued = provider().authenticate(request("sa-target", "alice-token"));

		assertThat(issued).isInstanceOf(OAuth2AccessTokenAuthenticationToken.class);
		assertThat(((OAuth2AccessTokenAuthenticationToken) issued).getAccessToken().getTokenValue())
			.isEqualTo("issued-token");
		Recorded only = onlyAudited();
		assertThat(only.event().decision()).isEqualTo(AuditEvent.ALLOWED);
		assertThat(only.event().reason()).isEqualTo("allowed");
		assertThat(only.event().actor()).isEqualTo(ALICE.crn().toString());
		assertThat(only.event().target()).isEqualTo(target.principal().crn().toString());
		assertThat(only.event().targetAccount()).isEqualTo(TARGETS.value());
		assertThat(only.callerView()).isNull();
	}

	private ServiceAccount trustedTarget(String id) {
		ServiceAccount target = serviceAccount(id, TARGETS, true, null, CALLERS);
		this.directory.add(target);
		return target;
	}

	private void assertAuditedForTargetAccount(String reason, String requested) {
		Recorded only = onlyAudited();
		assertThat(only.event().decision()).isEqualTo(AuditEvent.DENIED);
		assertThat(only.event().reason()).isEqualTo(reason);
		assertThat(only.event().targetAccount()).isEqualTo(TARGETS.value());
		assertThat(only.callerView()).isEqualTo(new CallerView("not_permitted_or_not_found", requested));
	}

	private static void assertRefusedAsAnyOther(OAuth2AuthenticationException refusal, String target) {
		assertThat(refusal.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_REQUEST);
		assertThat(refusal.getError().getDescription())
			.isEqualTo("Permission iam:ImpersonateServiceAccount denied on " + target + " (or it may not exist)");
	}

	private Recorded onlyAudited() {
		assertThat(this.audited).hasSize(1);
		return this.audited.get(0);
	}

	private OAuth2AuthenticationException refused(ImpersonationRequest request) {
		OAuth2AuthenticationException refusal = catchThrowableOfType(OAuth2AuthenticationException.class,
				() -> provider().authenticate(request));
		assertThat(refusal).isNotNull();
		return refusal;
	}

	private ImpersonationProvider provider() {
		TokenIdentities identities = new TokenIdentities() {

			@Override
			public Optional<TokenIdentity> forServiceAccount(String saId) {
				return ImpersonationProviderTests.this.directory.find(saId)
					.filter(ServiceAccount::active)
					.map((sa) -> forPrincipal(sa.principal()));
			}

			@Override
			public TokenIdentity forPrincipal(PrincipalRef principal) {
				return new TokenIdentity(principal,
						ImpersonationProviderTests.this.statements.getOrDefault(principal, List.of()), null, null);
			}

		};
		JwtDecoder decoder = (token) -> {
			Jwt jwt = this.actorTokens.get(token);
			if (jwt == null) {
				throw new BadJwtException("not ours");
			}
			return jwt;
		};
		AuditTrail audit = (event, callerView) -> this.audited.add(new Recorded(event, callerView));
		return new ImpersonationProvider(this.directory, identities, decoder, this.tokenGenerator, audit, properties(3),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static ImpersonationRequest request(String target, @Nullable String actorToken) {
		OAuth2ClientAuthenticationToken caller = new OAuth2ClientAuthenticationToken(client(CALLER_SA),
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
		return new ImpersonationRequest(caller, target, actorToken, null, Map.of());
	}

	private static RegisteredClient client(String clientId) {
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
			.build();
	}

	private static Jwt actorToken(PrincipalRef subject, String clientId, @Nullable Map<String, Object> act,
			Instant expiresAt) {
		Jwt.Builder jwt = Jwt.withTokenValue("actor-token")
			.header("alg", "ES256")
			.subject(subject.crn().toString())
			.claim("client_id", clientId)
			.issuedAt(NOW.minusSeconds(60))
			.expiresAt(expiresAt);
		if (act != null) {
			jwt.claim("act", act);
		}
		return jwt.build();
	}

	private static Map<String, Object> chain(AccountId account, String saId, @Nullable Map<String, Object> inner) {
		Map<String, Object> act = new HashMap<>();
		act.put("sub", PrincipalRef.serviceAccount(account, saId).crn().toString());
		act.put("acct", account.value());
		if (inner != null) {
			act.put("act", inner);
		}
		return act;
	}

	private static ServiceAccount serviceAccount(String id, AccountId account, boolean enabled,
			@Nullable Instant deletedAt, AccountId... trusted) {
		return new ServiceAccount(id, account, "name-of-" + id, "", enabled, deletedAt, NOW.minusSeconds(86400), null,
				List.of(trusted), 0, null);
	}

	private static TesseraProperties properties(int maxDelegationDepth) {
		return new TesseraProperties(Path.of("."), "http://localhost", null,
				new TesseraProperties.Tokens(Duration.ofHours(1), Duration.ofHours(1), "tessera", maxDelegationDepth),
				null, null, null, null, null, null);
	}

	/**
	 * One audit write: the event and what the caller's side sees instead, if anything.
	 */
	private record Recorded(AuditEvent event, @Nullable CallerView callerView) {
	}

	/** Service accounts held in a map, as the token side sees them. */
	private static final class Directory implements ServiceAccountDirectory {

		private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();

		void add(ServiceAccount sa) {
			this.serviceAccounts.put(sa.id(), sa);
		}

		@Override
		public Optional<ServiceAccount> find(String saId) {
			return Optional.ofNullable(this.serviceAccounts.get(saId));
		}

		@Override
		public List<ClientSecret> secretsOf(String saId) {
			return List.of();
		}

		@Override
		public List<ServiceAccountKey> keysOf(String saId) {
			return List.of();
		}

	}

}
