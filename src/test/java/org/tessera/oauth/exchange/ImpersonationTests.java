package org.tessera.oauth.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

import tools.jackson.databind.JsonNode;

/**
 * SPEC section 6 and issue 3: impersonation across accounts through RFC 8693 token
 * exchange.
 */
class ImpersonationTests extends IntegrationTest {

	private static final String IMPERSONATE = "iam:ImpersonateServiceAccount";

	private String accountA;

	private String accountB;

	private String rootA;

	private String rootB;

	private ServiceAccountCredentials saOfB;

	@BeforeEach
	void theWalkthroughWorld() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		this.accountA = world.accountA();
		this.accountB = world.accountB();
		this.rootA = world.rootA();
		this.rootB = world.rootB();
		this.saOfB = world.saOfB();
	}

	@Test
	void systemOneExchangesItsTokenForOneOfTheServiceAccountOfAccountB() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);

		Http.Response response = exchangeAsPerson(this.saOfB.id(), system1);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("issued_token_type").asString()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.has("refresh_token")).isFalse();
		assertThat(body.get("expires_in").asLong()).isBetween(1L, 3600L);
		JsonNode claims = Tessera.claims(body.get("access_token").asString());
		assertThat(claims.get("sub").asString()).isEqualTo(this.saOfB.crn());
		assertThat(claims.get("acct").asString()).isEqualTo(this.accountB);
		assertThat(claims.get("client_id").asString()).isEqualTo("tessera-cli");
		assertThat(claims.get("perms").toString()).contains("vserver:*").doesNotContain(IMPERSONATE);
		assertThat(claims.get("act").get("sub").asString()).isEqualTo("crn:iam:" + this.accountA + ":user/System1");
		assertThat(claims.get("act").get("acct").asString()).isEqualTo(this.accountA);
		assertThat(claims.get("act").has("act")).isFalse();
		assertThat(Tessera.header(body.get("access_token").asString()).get("typ").asString()).isEqualTo("at+jwt");
	}

	@Test
	void theTargetCanBeNamedByItsCrnToo() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);

		assertThat(exchangeAsPerson(this.saOfB.crn(), system1).status()).isEqualTo(200);
	}

	@Test
	void everyRefusalIsTheSameInvalidRequestWhateverTheRealReason() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		// trust but no policy: another user of A
		this.tessera.createUser(this.accountA, this.rootA, "Other");
		String other = this.tessera.login(this.accountA, "Other", Tessera.PASSWORD);
		// policy for another service account of B
		ServiceAccountCredentials secondOfB = this.tessera.createServiceAccount(this.accountB, this.rootB, "Second",
				List.of(this.accountA), List.of());
		// no trust: a service account of B that trusts nobody, named by System1's policy
		ServiceAccountCredentials untrusting = this.tessera.createServiceAccount(this.accountB, this.rootB,
				"TrustsNobody", List.of(), List.of());
		this.tessera.createPolicy(this.accountA, this.rootA, "ImpersonateUntrusting", "Allow", List.of(IMPERSONATE),
				List.of(untrusting.crn()));
		this.tessera.attachToUser(this.accountA, this.rootA, "System1", "ImpersonateUntrusting");
		// an explicit Deny in the caller's account
		this.tessera.createUser(this.accountA, this.rootA, "Denied");
		this.tessera.attachToUser(this.accountA, this.rootA, "Denied", "ImpersonateToRootUserAccountB");
		this.tessera.createPolicy(this.accountA, this.rootA, "NoImpersonation", "Deny", List.of("iam:Impersonate*"),
				List.of("*"));
		this.tessera.attachToUser(this.accountA, this.rootA, "Denied", "NoImpersonation");
		String denied = this.tessera.login(this.accountA, "Denied", Tessera.PASSWORD);
		// revoked actor token
		String revoked = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		Http.Response revocation = this.tessera.http()
			.form("/oauth2/revoke", Http.fields("token", revoked, "client_id", "tessera-cli"));
		assertThat(revocation.status()).as(revocation.toString()).isEqualTo(200);

		assertRefused(exchangeAsPerson(this.saOfB.id(), other), this.saOfB.id());
		assertRefused(exchangeAsPerson(secondOfB.id(), system1), secondOfB.id());
		assertRefused(exchangeAsPerson(untrusting.id(), system1), untrusting.id());
		assertRefused(exchangeAsPerson(this.saOfB.id(), denied), this.saOfB.id());
		assertRefused(exchangeAsPerson("sa-doesnotexist", system1), "sa-doesnotexist");
		assertRefused(exchangeAsPerson(this.saOfB.id(), revoked), this.saOfB.id());
		assertRefused(exchangeAsPerson(this.saOfB.id(), tampered(system1)), this.saOfB.id());
		assertRefused(exchangeAsPerson(this.saOfB.id(), foreign(system1)), this.saOfB.id());
		assertRefused(exchangeAsPerson(this.saOfB.id(), expired(system1)), this.saOfB.id());
	}

	@Test
	void anUntrustedAccountIsRefusedEvenWithAPolicyNamingTheServiceAccount() {
		String accountC = this.tessera.signUp();
		String rootC = this.tessera.loginRoot(accountC);
		this.tessera.createUser(accountC, rootC, "Intruder");
		this.tessera.createPolicy(accountC, rootC, "ImpersonateB", "Allow", List.of(IMPERSONATE),
				List.of(this.saOfB.crn()));
		this.tessera.attachToUser(accountC, rootC, "Intruder", "ImpersonateB");
		String intruder = this.tessera.login(accountC, "Intruder", Tessera.PASSWORD);

		assertRefused(exchangeAsPerson(this.saOfB.id(), intruder), this.saOfB.id());
		assertRefused(exchangeAsPerson(this.saOfB.id(), rootC), this.saOfB.id());
	}

	@Test
	void iamFullAccessAloneCannotImpersonateButAWildcardPolicyCanTowardsTrustingAccountsOnly() {
		this.tessera.createUser(this.accountA, this.rootA, "Admin");
		this.tessera.attachToUser(this.accountA, this.rootA, "Admin", "IAMFullAccess");
		String admin = this.tessera.login(this.accountA, "Admin", Tessera.PASSWORD);
		assertRefused(exchangeAsPerson(this.saOfB.id(), admin), this.saOfB.id());

		this.tessera.createPolicy(this.accountA, this.rootA, "ImpersonateAnything", "Allow", List.of(IMPERSONATE),
				List.of("*"));
		this.tessera.attachToUser(this.accountA, this.rootA, "Admin", "ImpersonateAnything");
		ServiceAccountCredentials untrusting = this.tessera.createServiceAccount(this.accountB, this.rootB, "NotForA",
				List.of(), List.of());

		assertThat(exchangeAsPerson(this.saOfB.id(), admin).status()).isEqualTo(200);
		assertRefused(exchangeAsPerson(untrusting.id(), admin), untrusting.id());
	}

	@Test
	void sameAccountImpersonationNeedsAPolicyButNoTrustEntry() {
		ServiceAccountCredentials own = this.tessera.createServiceAccount(this.accountA, this.rootA, "Deployer",
				List.of(), List.of("IAMReadOnlyAccess"));
		this.tessera.createPolicy(this.accountA, this.rootA, "ImpersonateDeployer", "Allow", List.of(IMPERSONATE),
				List.of(own.crn()));
		String before = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		assertRefused(exchangeAsPerson(own.id(), before), own.id());

		this.tessera.attachToUser(this.accountA, this.rootA, "System1", "ImpersonateDeployer");
		Http.Response response = exchangeAsPerson(own.id(), before);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		String token = response.json().get("access_token").asString();
		assertThat(this.tessera.http().get("/iam/v1/accounts/" + this.accountA + "/service-accounts", token).status())
			.isEqualTo(200);
	}

	@Test
	void aServiceAccountImpersonatesWithItsOwnCredentialsAndNoActorToken() {
		ServiceAccountCredentials robot = this.tessera.createServiceAccount(this.accountA, this.rootA, "Robot",
				List.of(), List.of("ImpersonateToRootUserAccountB"));

		Http.Response response = this.tessera.http()
			.form("/oauth2/token", exchange(this.saOfB.id(), null), robot.id(), robot.secret());

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode claims = Tessera.claims(response.json().get("access_token").asString());
		assertThat(claims.get("sub").asString()).isEqualTo(this.saOfB.crn());
		assertThat(claims.get("act").get("sub").asString()).isEqualTo(robot.crn());
		assertThat(claims.get("client_id").asString()).isEqualTo(robot.id());
	}

	@Test
	void chainsFollowEachHopsTrustAndPoliciesAndStopAtTheConfiguredDepth() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		// B's service account may impersonate C's, which may impersonate D's, which may
		// impersonate E's
		ServiceAccountCredentials previous = this.saOfB;
		String previousAccount = this.accountB;
		String previousRoot = this.rootB;
		List<ServiceAccountCredentials> hops = new ArrayList<>();
		for (String name : List.of("HopC", "HopD", "HopE")) {
			String account = this.tessera.signUp();
			String root = this.tessera.loginRoot(account);
			ServiceAccountCredentials next = this.tessera.createServiceAccount(account, root, name,
					List.of(previousAccount), List.of());
			this.tessera.createPolicy(previousAccount, previousRoot, "Impersonate" + name, "Allow",
					List.of(IMPERSONATE), List.of(next.crn()));
			Http.Response attach = this.tessera.http()
				.put("/iam/v1/accounts/" + previousAccount + "/service-accounts/" + previous.id()
						+ "/policies/Impersonate" + name, previousRoot, "");
			assertThat(attach.status()).isEqualTo(204);
			hops.add(next);
			previous = next;
			previousAccount = account;
			previousRoot = root;
		}

		String asB = token(exchangeAsPerson(this.saOfB.id(), system1));
		String asC = token(exchangeAsPerson(hops.get(0).id(), asB));
		String asD = token(exchangeAsPerson(hops.get(1).id(), asC));

		JsonNode act = Tessera.claims(asD).get("act");
		assertThat(act.get("sub").asString()).isEqualTo(hops.get(0).crn());
		assertThat(act.get("act").get("sub").asString()).isEqualTo(this.saOfB.crn());
		assertThat(act.get("act").get("act").get("sub").asString())
			.isEqualTo("crn:iam:" + this.accountA + ":user/System1");
		assertRefused(exchangeAsPerson(hops.get(2).id(), asD), hops.get(2).id());
		// a hop without the policy is refused even with trust: System1 cannot jump to C
		// directly
		assertRefused(exchangeAsPerson(hops.get(0).id(), system1), hops.get(0).id());
	}

	@Test
	void aTokenActingForSystemOneStopsWorkingEverywhereOnceSystemOneIsDeleted() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		ServiceAccountCredentials next = this.tessera.createServiceAccount(this.accountB, this.rootB, "Next", List.of(),
				List.of());
		this.tessera.createPolicy(this.accountB, this.rootB, "ImpersonateNext", "Allow", List.of(IMPERSONATE),
				List.of(next.crn()));
		attachToServiceAccountOfB("ImpersonateNext");
		attachToServiceAccountOfB("IAMReadOnlyAccess");
		ServiceAccountCredentials checker = this.tessera.createServiceAccount(this.accountB, this.rootB, "Checker",
				List.of(), List.of());
		String asB = token(exchangeAsPerson(this.saOfB.id(), system1));
		assertThat(isActive(asB, checker)).isTrue();
		assertThat(listServiceAccountsOfB(asB).status()).isEqualTo(200);
		assertThat(exchangeAsPerson(next.id(), asB).status()).as("a chain through B's account works").isEqualTo(200);

		Http.Response deleted = this.tessera.http()
			.delete("/iam/v1/accounts/" + this.accountA + "/users/System1", this.rootA);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(isActive(asB, checker)).as("a token acting for a deleted user is inactive").isFalse();
		assertThat(listServiceAccountsOfB(asB).status()).isEqualTo(401);
		assertRefused(exchangeAsPerson(next.id(), asB), next.id());
	}

	@Test
	void aTokenActingForAServiceAccountStopsWorkingWhileThatOneIsDisabledAndOnceItIsDeleted() {
		ServiceAccountCredentials robot = this.tessera.createServiceAccount(this.accountA, this.rootA, "Robot",
				List.of(), List.of("ImpersonateToRootUserAccountB"));
		attachToServiceAccountOfB("IAMReadOnlyAccess");
		ServiceAccountCredentials checker = this.tessera.createServiceAccount(this.accountB, this.rootB, "Checker",
				List.of(), List.of());
		String asB = token(
				this.tessera.http().form("/oauth2/token", exchange(this.saOfB.id(), null), robot.id(), robot.secret()));
		String robotPath = "/iam/v1/accounts/" + this.accountA + "/service-accounts/" + robot.id();
		assertThat(listServiceAccountsOfB(asB).status()).isEqualTo(200);

		assertThat(this.tessera.http().post(robotPath + "/disable", this.rootA, "").status()).isEqualTo(200);
		assertThat(isActive(asB, checker)).as("acting for a disabled service account").isFalse();
		assertThat(listServiceAccountsOfB(asB).status()).isEqualTo(401);

		assertThat(this.tessera.http().post(robotPath + "/enable", this.rootA, "").status()).isEqualTo(200);
		assertThat(isActive(asB, checker))
			.as("acting for an enabled service account again: obtained before the disable")
			.isFalse();

		assertThat(this.tessera.http().delete(robotPath, this.rootA).status()).isEqualTo(204);
		assertThat(isActive(asB, checker)).as("acting for a deleted service account").isFalse();
		assertThat(listServiceAccountsOfB(asB).status()).isEqualTo(401);
	}

	private void attachToServiceAccountOfB(String policy) {
		Http.Response attach = this.tessera.http()
			.put("/iam/v1/accounts/" + this.accountB + "/service-accounts/" + this.saOfB.id() + "/policies/" + policy,
					this.rootB, "");
		assertThat(attach.status()).as(attach.toString()).isEqualTo(204);
	}

	private Http.Response listServiceAccountsOfB(String token) {
		return this.tessera.http().get("/iam/v1/accounts/" + this.accountB + "/service-accounts", token);
	}

	private boolean isActive(String token, ServiceAccountCredentials client) {
		Http.Response response = this.tessera.http()
			.form("/oauth2/introspect", Http.fields("token", token), client.id(), client.secret());
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("active").asBoolean();
	}

	@Test
	void bothAccountsAndNobodyElseSeeTheAuditedDecisionsTheTargetsAccountWithTheRealReason() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		this.tessera.createUser(this.accountA, this.rootA, "Other");
		String other = this.tessera.login(this.accountA, "Other", Tessera.PASSWORD);
		assertThat(exchangeAsPerson(this.saOfB.id(), system1).status()).isEqualTo(200);
		assertRefused(exchangeAsPerson(this.saOfB.id(), other), this.saOfB.id());
		String accountC = this.tessera.signUp();
		String rootC = this.tessera.loginRoot(accountC);

		JsonNode seenByA = auditEvents(this.accountA, this.rootA);
		JsonNode seenByB = auditEvents(this.accountB, this.rootB);
		JsonNode seenByC = auditEvents(accountC, rootC);

		for (JsonNode events : List.of(seenByA, seenByB)) {
			assertThat(events.toString()).contains("\"decision\":\"ALLOWED\"", "\"reason\":\"allowed\"",
					"\"decision\":\"DENIED\"", "user/System1", "user/Other", this.saOfB.crn());
			assertThat(events.toString()).doesNotContain(system1);
		}
		assertThat(seenByB.toString()).contains("\"reason\":\"policy_no_allow\"");
		// A's refusal would tell A that B's service account exists and trusts A
		assertThat(seenByA.toString()).contains("\"reason\":\"not_permitted_or_not_found\"")
			.doesNotContain("policy_no_allow");
		assertThat(seenByC.size()).isZero();
		assertThat(this.tessera.http().get("/iam/v1/accounts/" + this.accountB + "/audit-events", rootC).status())
			.isEqualTo(403);
	}

	@Test
	void aTargetThatDoesNotExistInTheAccountItNamesLeavesNothingInThatAccountsAuditLog() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		String victim = this.tessera.signUp();
		String rootOfVictim = this.tessera.loginRoot(victim);
		String madeUp = "crn:iam:" + victim + ":service-account/sa-madeupbyanintruder";
		String misplaced = "crn:iam:" + victim + ":service-account/" + this.saOfB.id();

		assertRefused(exchangeAsPerson(madeUp, "garbage"), madeUp);
		assertRefused(exchangeAsPerson(misplaced, "garbage"), misplaced);
		assertRefused(exchangeAsPerson(madeUp, system1), madeUp);
		assertRefused(exchangeAsPerson(misplaced, system1), misplaced);

		assertThat(auditEvents(victim, rootOfVictim).size()).isZero();
		assertThat(auditEvents(this.accountA, this.rootA).toString()).contains(madeUp, misplaced,
				"not_permitted_or_not_found");
	}

	@Test
	void concurrentExchangesAreEachAuditedBeforeTheirTokenIsReturned() throws Exception {
		int actors = 8;
		int exchangesEach = 4;
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < actors; i++) {
			this.tessera.createUser(this.accountA, this.rootA, "Batch" + i);
			this.tessera.attachToUser(this.accountA, this.rootA, "Batch" + i, "ImpersonateToRootUserAccountB");
			tokens.add(this.tessera.login(this.accountA, "Batch" + i, Tessera.PASSWORD));
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(actors);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < actors; i++) {
				String actor = "user/Batch" + i;
				String token = tokens.get(i);
				runs.add(pool.submit(() -> {
					for (int n = 1; n <= exchangesEach; n++) {
						assertThat(exchangeAsPerson(this.saOfB.id(), token).status()).isEqualTo(200);
						// the answer came back, so this exchange's audit event is already
						// committed
						assertThat(allowedEventsOf(actor)).isEqualTo(n);
					}
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void auditPagesWalkEveryEventOnceInOrderWhereverTheAccountAppears() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		for (int i = 0; i < 3; i++) {
			// B is the target of these (actor in A) ...
			assertThat(exchangeAsPerson(this.saOfB.id(), system1).status()).isEqualTo(200);
			// ... and both actor and target of its own changes
			this.tessera.createServiceAccount(this.accountB, this.rootB, "audited-" + i, List.of(), List.of());
		}
		String all = "/iam/v1/accounts/" + this.accountB + "/audit-events?pageSize=1000";
		List<Long> expected = new ArrayList<>();
		this.tessera.http().get(all, this.rootB).json().get("items").forEach((e) -> expected.add(e.get("id").asLong()));

		List<Long> walked = new ArrayList<>();
		String next = "";
		do {
			JsonNode page = this.tessera.http()
				.get("/iam/v1/accounts/" + this.accountB + "/audit-events?pageSize=2" + next, this.rootB)
				.json();
			page.get("items").forEach((e) -> walked.add(e.get("id").asLong()));
			next = page.hasNonNull("nextPageToken") ? "&pageToken=" + page.get("nextPageToken").asString() : null;
		}
		while (next != null);

		assertThat(expected).hasSizeGreaterThanOrEqualTo(6).isSorted().doesNotHaveDuplicates();
		assertThat(walked).isEqualTo(expected);
	}

	private long allowedEventsOf(String actor) {
		Http.Response response = this.tessera.http()
			.get("/iam/v1/accounts/" + this.accountB + "/audit-events?pageSize=1000", this.rootB);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		long count = 0;
		for (JsonNode event : response.json().get("items")) {
			if (event.get("actor").asString().endsWith(":" + actor)
					&& "ALLOWED".equals(event.get("decision").asString())) {
				count++;
			}
		}
		return count;
	}

	@Test
	void malformedRequestsAreInvalidRequestNamingTheParameter() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		Map<String, String> noSubject = exchange(this.saOfB.id(), system1);
		noSubject.remove("subject_token");
		noSubject.put("client_id", "tessera-cli");
		Map<String, String> wrongType = exchange(this.saOfB.id(), system1);
		wrongType.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
		wrongType.put("client_id", "tessera-cli");

		Http.Response missing = this.tessera.http().form("/oauth2/token", noSubject);
		Http.Response unknownType = this.tessera.http().form("/oauth2/token", wrongType);
		Http.Response repeated = this.tessera.http()
			.postRaw("/oauth2/token", null, "application/x-www-form-urlencoded",
					"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&client_id=tessera-cli"
							+ "&subject_token=a&subject_token=b"
							+ "&subject_token_type=urn%3Atessera%3Aparams%3Aoauth%3Atoken-type%3Aservice_account");

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("error_description").asString()).contains("subject_token");
		assertThat(unknownType.json().get("error").asString()).isEqualTo("invalid_request");
		assertThat(unknownType.json().get("error_description").asString()).contains("subject_token_type");
		assertThat(repeated.json().get("error_description").asString()).contains("repeated");
	}

	@Test
	void aTokenInTheUrlIsRefusedSoThatNoTokenLandsInAnAccessLog() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		Map<String, String> body = exchange(this.saOfB.id(), null);
		body.put("client_id", "tessera-cli");

		Http.Response response = this.tessera.http()
			.form("/oauth2/token?actor_token=" + system1
					+ "&actor_token_type=urn:ietf:params:oauth:token-type:access_token", body);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
		assertThat(response.json().get("error_description").asString()).contains("form body").doesNotContain(system1);
	}

	@Test
	void onlyTheConfiguredAudienceOrTheIssuerMayBeAskedForAndNoResource() {
		String system1 = this.tessera.login(this.accountA, "System1", Tessera.PASSWORD);
		Map<String, String> otherAudience = asPerson(exchange(this.saOfB.id(), system1));
		otherAudience.put("audience", "https://elsewhere.example");
		Map<String, String> resource = asPerson(exchange(this.saOfB.id(), system1));
		resource.put("resource", "https://vserver.example/");
		Map<String, String> ownAudience = asPerson(exchange(this.saOfB.id(), system1));
		ownAudience.put("audience", "tessera");

		Http.Response foreign = this.tessera.http().form("/oauth2/token", otherAudience);
		Http.Response withResource = this.tessera.http().form("/oauth2/token", resource);
		Http.Response own = this.tessera.http().form("/oauth2/token", ownAudience);
		Http.Response ownTwice = this.tessera.http()
			.postRaw("/oauth2/token", null, "application/x-www-form-urlencoded",
					formBody(ownAudience) + "&audience=tessera");
		Http.Response mixed = this.tessera.http()
			.postRaw("/oauth2/token", null, "application/x-www-form-urlencoded",
					formBody(ownAudience) + "&audience=other");
		Http.Response resourceTwice = this.tessera.http()
			.postRaw("/oauth2/token", null, "application/x-www-form-urlencoded",
					formBody(resource) + "&resource=https%3A%2F%2Fvserver.example%2F");
		Map<String, String> issuerAudience = asPerson(exchange(this.saOfB.id(), system1));
		issuerAudience.put("audience", issuer());
		Map<String, String> emptyAudience = asPerson(exchange(this.saOfB.id(), system1));
		emptyAudience.put("audience", "");
		Http.Response asIssuer = this.tessera.http().form("/oauth2/token", issuerAudience);
		Http.Response asEmpty = this.tessera.http().form("/oauth2/token", emptyAudience);

		for (Http.Response refused : List.of(foreign, withResource, mixed, resourceTwice)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.json().get("error").asString()).isEqualTo("invalid_target");
		}
		for (Http.Response granted : List.of(own, ownTwice, asIssuer, asEmpty)) {
			assertThat(Tessera.claims(token(granted)).get("aud").asString()).isEqualTo("tessera");
		}
	}

	@Test
	void thePublicClientCannotUseAnyOtherGrantWithItsClientIdAlone() {
		Http.Response response = this.tessera.http()
			.form("/oauth2/token", Http.fields("grant_type", "client_credentials", "client_id", "tessera-cli"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
	}

	@Test
	void discoveryListsTheTokenExchangeGrant() {
		JsonNode metadata = this.tessera.http().get("/.well-known/oauth-authorization-server", null).json();

		assertThat(metadata.get("grant_types_supported").toString())
			.contains("urn:ietf:params:oauth:grant-type:token-exchange");
	}

	private Http.Response exchangeAsPerson(String target, String actorToken) {
		return this.tessera.impersonate(target, actorToken);
	}

	private static Map<String, String> exchange(String target, String actorToken) {
		Map<String, String> fields = Http.fields("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
				"subject_token", target, "subject_token_type", "urn:tessera:params:oauth:token-type:service_account");
		if (actorToken != null) {
			fields.put("actor_token", actorToken);
			fields.put("actor_token_type", "urn:ietf:params:oauth:token-type:access_token");
		}
		return fields;
	}

	private static Map<String, String> asPerson(Map<String, String> fields) {
		fields.put("client_id", "tessera-cli");
		return fields;
	}

	private static String formBody(Map<String, String> fields) {
		List<String> pairs = new ArrayList<>();
		fields.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return String.join("&", pairs);
	}

	private static String token(Http.Response response) {
		return Tessera.accessToken(response);
	}

	private static void assertRefused(Http.Response response, String target) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
		assertThat(response.json().get("error_description").asString())
			.isEqualTo("Permission iam:ImpersonateServiceAccount denied on " + target + " (or it may not exist)");
	}

	private JsonNode auditEvents(String account, String token) {
		Http.Response response = this.tessera.http().get("/iam/v1/accounts/" + account + "/audit-events", token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("items");
	}

	/** The same token with one claim changed and the old signature kept. */
	private static String tampered(String jwt) {
		String[] parts = jwt.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("user/System1", "user/Systemx");
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

	/** The same claims signed by a key this server never had. */
	private static String foreign(String jwt) {
		return resign(jwt, 0);
	}

	/**
	 * The same claims, expired an hour ago, signed by a foreign key: refused either way.
	 */
	private static String expired(String jwt) {
		return resign(jwt, -7200);
	}

	private static String resign(String jwt, long shiftSeconds) {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID(Tessera.header(jwt).get("kid").asString()).generate();
			JWTClaimsSet claims = JWTClaimsSet.parse(Tessera.claims(jwt).toString());
			JWTClaimsSet shifted = new JWTClaimsSet.Builder(claims)
				.expirationTime(new Date(claims.getExpirationTime().getTime() + shiftSeconds * 1000))
				.build();
			SignedJWT signed = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
						.keyID(key.getKeyID())
						.build(),
					shifted);
			signed.sign(new ECDSASigner(key));
			return signed.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
