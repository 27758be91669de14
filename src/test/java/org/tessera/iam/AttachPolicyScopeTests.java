package org.tessera.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.iam.Iam.path;
import static org.tessera.iam.Iam.statement;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * Attaching and detaching are allowed only for the policies the caller's statements name:
 * the action on the principal is not enough, it must also hold on the policy's CRN
 * ({@code crn:iam::policy/<name>} for a managed one).
 */
class AttachPolicyScopeTests extends IntegrationTest {

	private Http http() {
		return this.tessera.http();
	}

	@Test
	void aUserAllowedToAttachToItselfOnlyCannotAttachIamFullAccess() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String self = "crn:iam:" + account + ":user/Mallory";
		this.tessera.createUser(account, root, "Mallory");
		this.tessera.createPolicy(account, root, "SelfAttach", "Allow", List.of("iam:AttachPolicy", "iam:GetUser"),
				List.of(self));
		this.tessera.attachToUser(account, root, "Mallory", "SelfAttach");
		String mallory = this.tessera.login(account, "Mallory", Tessera.PASSWORD);

		Iam.forbidden(http().put(path(account, "/users/Mallory/policies/IAMFullAccess"), mallory, ""),
				"iam:AttachPolicy", "crn:iam::policy/IAMFullAccess");
		Iam.forbidden(http().put(path(account, "/users/Mallory/policies/iamfullaccess"), mallory, ""),
				"iam:AttachPolicy", "crn:iam::policy/iamfullaccess");
		Iam.forbidden(http().put(path(account, "/users/Mallory/policies/SelfAttach"), mallory, ""), "iam:AttachPolicy",
				"crn:iam:" + account + ":policy/SelfAttach");

		assertThat(Iam.strings(http().get(path(account, "/users/Mallory"), mallory).json().get("policies")))
			.containsExactly("SelfAttach");
	}

	@Test
	void aUserAllowedOneManagedPolicyAttachesThatOneButNotIamFullAccess() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String self = "crn:iam:" + account + ":user/Operator";
		this.tessera.createUser(account, root, "Operator");
		Http.Response created = http().post(path(account, "/policies"), root,
				Map.of("name", "AttachReadOnly", "statements",
						List.of(statement("Allow", List.of("iam:AttachPolicy", "iam:DetachPolicy"),
								List.of(self, "crn:iam::policy/vServerReadOnlyAccess")))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		this.tessera.attachToUser(account, root, "Operator", "AttachReadOnly");
		String operator = this.tessera.login(account, "Operator", Tessera.PASSWORD);

		Http.Response readOnly = http().put(path(account, "/users/Operator/policies/vServerReadOnlyAccess"), operator,
				"");
		Http.Response full = http().put(path(account, "/users/Operator/policies/IAMFullAccess"), operator, "");

		assertThat(readOnly.status()).as(readOnly.toString()).isEqualTo(204);
		Iam.forbidden(full, "iam:AttachPolicy", "crn:iam::policy/IAMFullAccess");
		assertThat(Iam.strings(http().get(path(account, "/users/Operator"), root).json().get("policies")))
			.containsExactlyInAnyOrder("AttachReadOnly", "vServerReadOnlyAccess");
		Iam.forbidden(http().delete(path(account, "/users/Operator/policies/AttachReadOnly"), operator),
				"iam:DetachPolicy", "crn:iam:" + account + ":policy/AttachReadOnly");
		assertThat(http().delete(path(account, "/users/Operator/policies/vServerReadOnlyAccess"), operator).status())
			.isEqualTo(204);
	}

	@Test
	void thePermissionOnAManagedPolicyGrantsNothingElseAndNothingInAnotherAccount() {
		String account = this.tessera.signUp();
		String other = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		String rootOfOther = this.tessera.loginRoot(other);
		this.tessera.createUser(other, rootOfOther, "victim");
		this.tessera.createUser(account, root, "Wide");
		this.tessera.createPolicy(account, root, "EverythingOnManaged", "Allow", List.of("*"),
				List.of("crn:iam::policy/*", "crn:iam::*", "crn:iam:" + account + ":user/Wide"));
		this.tessera.attachToUser(account, root, "Wide", "EverythingOnManaged");
		String wide = this.tessera.login(account, "Wide", Tessera.PASSWORD);

		Iam.forbidden(http().get(path(account, "/policies/IAMFullAccess"), wide), "iam:GetPolicy",
				"crn:iam:" + account + ":policy/IAMFullAccess");
		Iam.forbidden(http().put(path(other, "/users/victim/policies/IAMFullAccess"), wide, ""), "iam:AttachPolicy",
				"crn:iam:" + other + ":user/victim");
		assertThat(http().put(path(account, "/users/Wide/policies/IAMFullAccess"), wide, "").status())
			.as("attaching a managed policy is what it grants")
			.isEqualTo(204);
	}

	@Test
	void creatingAServiceAccountWithPoliciesNeedsTheRightOnEachPolicy() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createPolicy(account, root, "MakeReaders", "Allow",
				List.of("iam:CreateServiceAccount", "iam:AttachPolicy"),
				List.of("crn:iam:" + account + ":service-account/*", "crn:iam::policy/IAMReadOnlyAccess"));
		this.tessera.createUser(account, root, "maker");
		this.tessera.attachToUser(account, root, "maker", "MakeReaders");
		String maker = this.tessera.login(account, "maker", Tessera.PASSWORD);

		Http.Response escalated = http().post(path(account, "/service-accounts"), maker,
				Map.of("name", "escalated", "policies", List.of("IAMReadOnlyAccess", "IAMFullAccess")));
		Http.Response reader = http().post(path(account, "/service-accounts"), maker,
				Map.of("name", "reader", "policies", List.of("IAMReadOnlyAccess")));

		Iam.forbidden(escalated, "iam:AttachPolicy", "crn:iam::policy/IAMFullAccess");
		assertThat(reader.status()).as(reader.toString()).isEqualTo(201);
		assertThat(Iam.names(http(), path(account, "/service-accounts"), root, "name")).containsExactly("reader");
	}

	@Test
	void aServiceAccountAllowedToAttachToItselfCannotAttachIamFullAccess() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		ServiceAccountCredentials robot = this.tessera.createServiceAccount(account, root, "robot", List.of(),
				List.of());
		this.tessera.createPolicy(account, root, "RobotSelfAttach", "Allow", List.of("iam:AttachPolicy"),
				List.of(robot.crn()));
		assertThat(http().put(path(account, "/service-accounts/" + robot.id() + "/policies/RobotSelfAttach"), root, "")
			.status()).isEqualTo(204);
		String token = this.tessera.serviceAccountToken(robot);

		Iam.forbidden(
				http().put(path(account, "/service-accounts/" + robot.id() + "/policies/IAMFullAccess"), token, ""),
				"iam:AttachPolicy", "crn:iam::policy/IAMFullAccess");
	}

	@Test
	void theRootUserStillAttachesAndDetachesEveryPolicy() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "anyone");
		this.tessera.createPolicy(account, root, "Own", "Allow", List.of("vserver:GetServer"), List.of("*"));

		for (String policy : List.of("IAMFullAccess", "Own")) {
			assertThat(http().put(path(account, "/users/anyone/policies/" + policy), root, "").status()).isEqualTo(204);
			assertThat(http().delete(path(account, "/users/anyone/policies/" + policy), root).status()).isEqualTo(204);
		}
	}

}
