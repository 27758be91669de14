package org.tessera.hardening.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * An attachment lives no longer than its user and its policy, however attaching races
 * with deleting either: a row left behind would be inherited by the next user or policy
 * given the name, and would count toward the principal's limit of attached policies.
 */
class AttachmentRaceTests extends IntegrationTest {

	private static final int THREADS = 16;

	private static final int USERS = 40;

	private static final int POLICIES = 45;

	/**
	 * Attaches racing each delete: of that many policies to one user, or of one policy to
	 * that many users.
	 */
	private static final int ATTACHES = 4;

	@Test
	void aUserDeletedWhilePoliciesAreAttachedLeavesNoneToTheNextUserOfItsName() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		createPolicies(account, root, "P", ATTACHES);
		List<Callable<Http.Response>> writes = new ArrayList<>();
		for (int u = 0; u < USERS; u++) {
			String user = usersPath(account) + "/u" + u;
			this.tessera.createUser(account, root, "u" + u);
			for (int p = 0; p < ATTACHES; p++) {
				String policy = "P" + p;
				writes.add(() -> http().put(user + "/policies/" + policy, root, ""));
			}
			writes.add(() -> http().delete(user, root));
		}

		List<Http.Response> responses = Race.run(writes, THREADS);

		assertThat(responses).allSatisfy((r) -> assertThat(r.status()).as(r.toString()).isIn(204, 404));
		List<String> inherited = new ArrayList<>();
		for (int u = 0; u < USERS; u++) {
			String name = "u" + u;
			this.tessera.createUser(account, root, name);
			for (String policy : strings(http().get(usersPath(account) + "/" + name, root), "policies", (p) -> p)) {
				inherited.add(name + " got " + policy);
			}
		}
		assertThat(inherited).as("policies a new user inherited from a deleted one").isEmpty();
	}

	@Test
	void aPolicyDeletedWhileItIsBeingAttachedLeavesNoAttachmentToAPolicyOfItsName() throws Exception {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		for (int u = 0; u < ATTACHES; u++) {
			this.tessera.createUser(account, root, "holder" + u);
		}
		createPolicies(account, root, "Q", POLICIES);
		List<Callable<Http.Response>> writes = new ArrayList<>();
		for (int p = 0; p < POLICIES; p++) {
			String policy = "Q" + p;
			for (int u = 0; u < ATTACHES; u++) {
				String user = usersPath(account) + "/holder" + u;
				writes.add(() -> http().put(user + "/policies/" + policy, root, ""));
			}
			writes.add(() -> http().delete(policiesPath(account) + "/" + policy, root));
		}

		List<Http.Response> responses = Race.run(writes, THREADS);

		for (int i = 0; i < responses.size(); i++) {
			Http.Response response = responses.get(i);
			boolean delete = i % (ATTACHES + 1) == ATTACHES;
			assertThat(response.status()).as(response.toString()).isIn(delete ? List.of(204, 409) : List.of(204, 404));
		}
		List<String> revived = new ArrayList<>();
		for (int p = 0; p < POLICIES; p++) {
			String policy = "Q" + p;
			if (responses.get(p * (ATTACHES + 1) + ATTACHES).status() == 204) {
				createPolicy(account, root, policy);
				Http.Response attachments = http().get(policiesPath(account) + "/" + policy + "/attachments", root);
				for (String principal : strings(attachments, "items", (a) -> a.get("principal"))) {
					revived.add(policy + " is attached to " + principal);
				}
			}
		}
		assertThat(revived).as("attachments a new policy inherited from a deleted one").isEmpty();
	}

	private void createPolicies(String account, String root, String prefix, int count) {
		for (int p = 0; p < count; p++) {
			createPolicy(account, root, prefix + p);
		}
	}

	private void createPolicy(String account, String root, String name) {
		this.tessera.createPolicy(account, root, name, "Allow", List.of("vserver:GetServer"), List.of("*"));
	}

	/**
	 * The strings of one array field of a JSON answer, each picked out of its element.
	 */
	private static List<String> strings(Http.Response response, String field, Function<JsonNode, JsonNode> pick) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> strings = new ArrayList<>();
		response.json().get(field).forEach((node) -> strings.add(pick.apply(node).asString()));
		return strings;
	}

	private static Http http() {
		return new Http(issuer());
	}

	private static String usersPath(String account) {
		return "/iam/v1/accounts/" + account + "/users";
	}

	private static String policiesPath(String account) {
		return "/iam/v1/accounts/" + account + "/policies";
	}

}
