package org.tessera.accountpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.vserver.VServerBesideTessera;

import tools.jackson.databind.JsonNode;

/**
 * Account guardrails: Deny-only policies an account attaches to itself, which bind every
 * principal acting in it, impersonators included, at the management API and, through the
 * token, at resource servers offline.
 */
class GuardrailTests extends IntegrationTest {

	@RegisterExtension
	static final VServerBesideTessera vServer = new VServerBesideTessera(IntegrationTest::issuer);

	private Tessera.Walkthrough world;

	private String guardrails;

	@BeforeEach
	void theWalkthroughWorld() {
		this.world = this.tessera.walkthrough();
		this.guardrails = "/iam/v1/accounts/" + this.world.accountB() + "/guardrails";
		this.tessera.createPolicy(this.world.accountB(), this.world.rootB(), "NeverDeleteServers", "Deny",
				List.of("vserver:DeleteServer"), List.of("*"));
	}

	@Test
	void aGuardrailStopsAnImpersonatorAtTheResourceServer() {
		String server = createServer("web-1");
		String before = impersonate();
		assertThat(vServer.http().delete(servers() + "/" + createServer("web-2"), before).status()).isEqualTo(204);

		assertThat(http().put(this.guardrails + "/NeverDeleteServers", this.world.rootB(), "").status()).isEqualTo(204);

		String after = impersonate();
		assertThat(Tessera.claims(after).get("perms").toString()).contains("Deny", "vserver:DeleteServer");
		Http.Response refused = vServer.http().delete(servers() + "/" + server, after);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(refused.body()).contains("vserver:DeleteServer");
		assertThat(vServer.http().post(servers() + "/" + server + "/stop", after, "").status()).isEqualTo(200);
	}

	@Test
	void aGuardrailBindsEveryPrincipalOfTheAccountAtTheManagementApiRootIncluded() {
		this.tessera.createPolicy(this.world.accountB(), this.world.rootB(), "NoNewUsers", "Deny",
				List.of("iam:CreateUser"), List.of("*"));
		this.tessera.createUser(this.world.accountB(), this.world.rootB(), "Admin");
		this.tessera.attachToUser(this.world.accountB(), this.world.rootB(), "Admin", "IAMFullAccess");
		String admin = this.tessera.login(this.world.accountB(), "Admin", Tessera.PASSWORD);
		assertThat(http().put(this.guardrails + "/NoNewUsers", this.world.rootB(), "").status()).isEqualTo(204);

		String users = "/iam/v1/accounts/" + this.world.accountB() + "/users";
		Http.Response byAdmin = http().post(users, admin, java.util.Map.of("name", "x", "password", Tessera.PASSWORD));
		assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(403);
		Http.Response byRoot = http().post(users, this.world.rootB(),
				java.util.Map.of("name", "y", "password", Tessera.PASSWORD));
		assertThat(byRoot.status()).isEqualTo(403);

		assertThat(http().delete(this.guardrails + "/NoNewUsers", this.world.rootB()).status()).isEqualTo(204);
		assertThat(http().post(users, admin, java.util.Map.of("name", "z", "password", Tessera.PASSWORD)).status())
			.isEqualTo(201);
	}

	@Test
	void aGuardrailHoldingAnAllowIsRefusedAndAGuardrailCannotLaterGainOne() {
		this.tessera.createPolicy(this.world.accountB(), this.world.rootB(), "Mixed", "Allow",
				List.of("vserver:GetServer"), List.of("*"));
		Http.Response mixed = http().put(this.guardrails + "/Mixed", this.world.rootB(), "");
		assertThat(mixed.status()).isEqualTo(400);
		assertThat(mixed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(mixed.body()).contains("Deny statements only");
		assertThat(http().put(this.guardrails + "/vServerFullAccess", this.world.rootB(), "").status()).isEqualTo(400);
		assertThat(http().put(this.guardrails + "/NoSuchPolicy", this.world.rootB(), "").status()).isEqualTo(404);

		assertThat(http().put(this.guardrails + "/NeverDeleteServers", this.world.rootB(), "").status()).isEqualTo(204);
		String policy = "/iam/v1/accounts/" + this.world.accountB() + "/policies/NeverDeleteServers";
		Http.Response widened = http()
			.put(policy, this.world.rootB(), java.util.Map.of("name", "NeverDeleteServers", "statements", List
				.of(java.util.Map.of("effect", "Allow", "actions", List.of("vserver:*"), "resources", List.of("*")))));
		assertThat(widened.status()).as(widened.toString()).isEqualTo(400);
		assertThat(http().delete(policy, this.world.rootB()).status()).isEqualTo(409);

		JsonNode listed = http().get(this.guardrails, this.world.rootB()).json().get("items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("policy").asString()).isEqualTo("NeverDeleteServers");
	}

	@Test
	void onlyTheRootUserOrAHolderOfTheGuardrailActionsChangesThem() {
		this.tessera.createUser(this.world.accountB(), this.world.rootB(), "Admin");
		this.tessera.attachToUser(this.world.accountB(), this.world.rootB(), "Admin", "IAMFullAccess");
		String admin = this.tessera.login(this.world.accountB(), "Admin", Tessera.PASSWORD);
		Http.Response refused = http().put(this.guardrails + "/NeverDeleteServers", admin, "");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("iam:PutAccountGuardrail");
		assertThat(http().get(this.guardrails, admin).status()).isEqualTo(200);

		this.tessera.createPolicy(this.world.accountB(), this.world.rootB(), "GuardrailKeeper", "Allow",
				List.of("iam:PutAccountGuardrail", "iam:RemoveAccountGuardrail"), List.of("*"));
		this.tessera.attachToUser(this.world.accountB(), this.world.rootB(), "Admin", "GuardrailKeeper");
		String keeper = this.tessera.login(this.world.accountB(), "Admin", Tessera.PASSWORD);
		assertThat(http().put(this.guardrails + "/NeverDeleteServers", keeper, "").status()).isEqualTo(204);
		assertThat(http().delete(this.guardrails + "/NeverDeleteServers", keeper).status()).isEqualTo(204);
		assertThat(http().put(this.guardrails + "/NeverDeleteServers", this.world.rootA(), "").status()).isEqualTo(403);

		List<String> types = http()
			.get("/iam/v1/accounts/" + this.world.accountB() + "/audit-events?pageSize=100", this.world.rootB())
			.json()
			.get("items")
			.valueStream()
			.map((event) -> event.get("type").asString())
			.toList();
		assertThat(types).contains("PutAccountGuardrail", "RemoveAccountGuardrail");
	}

	private String impersonate() {
		String system1 = this.tessera.login(this.world.accountA(), "System1", Tessera.PASSWORD);
		return Tessera.accessToken(this.tessera.impersonate(this.world.saOfB().id(), system1));
	}

	private String createServer(String name) {
		Http.Response created = vServer.http().post(servers(), this.world.rootB(), java.util.Map.of("name", name));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String servers() {
		return "/vserver/v1/accounts/" + this.world.accountB() + "/servers";
	}

	private Http http() {
		return this.tessera.http();
	}

}
