package org.tessera.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The policies a person may pick to attach: the managed ones, then the account's own
 * (left out when the person may not list them).
 */
@Component
class PolicyChoices {

	private final ManagementApi api;

	PolicyChoices(ManagementApi api) {
		this.api = api;
	}

	List<String> names(ConsoleSession me) {
		List<String> names = new ArrayList<>();
		this.api.list(me, "/iam/v1/managed-policies").forEach((policy) -> names.add(name(policy)));
		try {
			this.api.list(me, "/iam/v1/accounts/{acct}/policies?pageSize=1000", me.accountId())
				.forEach((policy) -> names.add(name(policy)));
		}
		catch (ApiRefusal refusal) {
			// a person who may not list the account's policies still sees the managed
			// ones
		}
		return names;
	}

	private static String name(Map<String, Object> policy) {
		return String.valueOf(policy.get("name"));
	}

}
