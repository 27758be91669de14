package org.tessera.accountpolicy;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tessera.policy.Effect;
import org.tessera.policy.PolicyDocument;
import org.tessera.policy.Statement;

/**
 * The built-in, read-only policies every account can attach. {@code IAMFullAccess} lists
 * the management verbs rather than {@code iam:*}, so it does not itself list
 * {@code iam:ImpersonateServiceAccount}; its holder can still write and attach a policy
 * that does, so it reaches what the root user can (src/site/markdown/security.md,
 * "Privilege escalation paths").
 */
public final class ManagedPolicies {

	private static final List<PolicyDocument> ALL = List.of(
			policy("IAMFullAccess", "Full access to IAM of the account; does not list impersonation, but can grant it.",
					List.of("iam:Create*", "iam:Get*", "iam:List*", "iam:Update*", "iam:Delete*", "iam:Undelete*",
							"iam:Attach*", "iam:Detach*", "iam:Disable*", "iam:Enable*")),
			policy("IAMReadOnlyAccess", "Read-only access to IAM of the account.", List.of("iam:Get*", "iam:List*")),
			policy("vServerFullAccess", "Full access to vServer servers of the account.", List.of("vserver:*")),
			policy("vServerReadOnlyAccess", "Read-only access to vServer servers of the account.",
					List.of("vserver:Get*", "vserver:List*")),
			policy("vStorageFullAccess", "Full access to vStorage buckets and objects of the account.",
					List.of("vstorage:*")),
			policy("vStorageReadOnlyAccess", "Read-only access to vStorage buckets and objects of the account.",
					List.of("vstorage:Get*", "vstorage:List*")));

	private static final Map<String, PolicyDocument> BY_KEY = ALL.stream()
		.collect(Collectors.toUnmodifiableMap((p) -> key(p.name()), Function.identity()));

	private static final Map<Statement, Boolean> STATEMENTS = identitySet();

	private ManagedPolicies() {
	}

	public static List<PolicyDocument> all() {
		return ALL;
	}

	/** The managed policy of that name, compared case-insensitively. */
	public static Optional<PolicyDocument> find(String name) {
		return Optional.ofNullable(BY_KEY.get(key(name)));
	}

	/**
	 * Whether the statement is one of the managed policies' own objects, which live as
	 * long as the process whoever refers to them.
	 */
	static boolean isManagedStatement(Statement statement) {
		return STATEMENTS.containsKey(statement);
	}

	public static boolean isManaged(String name) {
		return BY_KEY.containsKey(key(name));
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static Map<Statement, Boolean> identitySet() {
		Map<Statement, Boolean> statements = new IdentityHashMap<>();
		ALL.forEach((policy) -> policy.statements().forEach((statement) -> statements.put(statement, true)));
		return Collections.unmodifiableMap(statements);
	}

	private static PolicyDocument policy(String name, String description, List<String> actions) {
		return new PolicyDocument(name, description, List.of(new Statement(Effect.ALLOW, actions, List.of("*"))));
	}

}
