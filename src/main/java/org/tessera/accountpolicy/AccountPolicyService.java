package org.tessera.accountpolicy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.AfterCommit;
import org.tessera.cluster.ClusterChannel;
import org.tessera.access.PrincipalRef;
import org.tessera.access.PrincipalStatements;
import org.tessera.account.AccountId;
import org.tessera.account.AccountRepository;
import org.tessera.policy.PolicyDocument;
import org.tessera.policy.PermsLimits;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;
import org.tessera.iam.ConflictException;
import org.tessera.iam.InvalidRequestException;
import org.tessera.iam.NotFoundException;
import org.tessera.web.PageRequest;

/**
 * Account policies and their attachments to users and service accounts, and the effective
 * statements of a principal computed from them. No attachment and no change of an
 * attached policy may make a principal's statements exceed what a token may carry
 * ({@link PermsLimits}): such a change is refused, naming the limit, so that no
 * principal's statements grow past it.
 */
@Service
public class AccountPolicyService implements PrincipalStatements {

	/** Most account policies one account may hold. */
	public static final int MAX_POLICIES_PER_ACCOUNT = 1000;

	/** Most policies attached to one principal. */
	public static final int MAX_ATTACHMENTS_PER_PRINCIPAL = 50;

	private final AccountPolicyRepository policies;

	private final AccountRepository accounts;

	private final AttachmentRepository attachments;

	private final PolicyParser parser;

	private final Clock clock;

	/**
	 * Effective statements per principal: attaching or detaching drops the principal's
	 * entry, and changing a policy makes them all stale, once the change commits (a
	 * policy is deleted only when attached to nobody, so no entry holds its statements).
	 */
	private final StatementCache statements = new StatementCache(this::loadStatements);

	private final ClusterChannel cluster;

	private final GuardrailRepository guardrails;

	AccountPolicyService(AccountPolicyRepository policies, AccountRepository accounts, AttachmentRepository attachments,
			GuardrailRepository guardrails, PolicyParser parser, Clock clock, ClusterChannel cluster) {
		this.guardrails = guardrails;
		this.policies = policies;
		this.accounts = accounts;
		this.attachments = attachments;
		this.parser = parser;
		this.clock = clock;
		this.cluster = cluster;
	}

	/**
	 * What other nodes hear of this cache: a principal's CRN when its attachments
	 * changed, {@value StatementCacheListener#EVERY_PRINCIPAL} when a policy did.
	 */
	StatementCache statementCache() {
		return this.statements;
	}

	/** Reads and validates a policy document (400 naming the field when malformed). */
	public PolicyDocument parse(Object json) {
		return this.parser.parseDocument(json);
	}

	@Transactional
	public StoredPolicy create(AccountId account, PolicyDocument document) {
		if (ManagedPolicies.isManaged(document.name())) {
			throw new ConflictException("the name " + document.name() + " is taken by a managed policy");
		}
		this.accounts.lock(account);
		if (this.policies.count(account) >= MAX_POLICIES_PER_ACCOUNT) {
			throw new ConflictException("an account holds at most " + MAX_POLICIES_PER_ACCOUNT + " policies");
		}
		StoredPolicy policy = new StoredPolicy(account, document, this.clock.instant(), this.clock.instant());
		try {
			this.policies.insert(policy);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("a policy named " + document.name() + " already exists");
		}
		return policy;
	}

	@Transactional
	public StoredPolicy update(AccountId account, String name, PolicyDocument document) {
		if (!ManagedPolicies.key(document.name()).equals(ManagedPolicies.key(name))) {
			throw new InvalidRequestException("name", "must equal the policy name in the path");
		}
		if (ManagedPolicies.isManaged(name)) {
			throw new ConflictException("managed policies are read-only");
		}
		lockedName(account, name);
		if (this.guardrails.contains(account, ManagedPolicies.key(name))) {
			requireDenyOnly(document, "the policy is a guardrail of the account, which may hold Deny statements only");
		}
		if (!this.policies.update(account, document, this.clock.instant())) {
			throw notFound(name);
		}
		checkHoldersFit(account, ManagedPolicies.key(name), document);
		AfterCommit.run(this.statements::forgetAll);
		this.cluster.publish(StatementCacheListener.TOPIC, StatementCacheListener.EVERY_PRINCIPAL);
		return get(account, name);
	}

	/** Deletes a policy attached to nobody, once no attach of it is under way. */
	@Transactional
	public void delete(AccountId account, String name) {
		if (ManagedPolicies.isManaged(name)) {
			throw new ConflictException("managed policies are read-only");
		}
		lockedName(account, name);
		long attached = this.attachments.countAttachments(account, ManagedPolicies.key(name));
		if (attached > 0) {
			throw new ConflictException("the policy is attached to " + attached + " principals; detach it first");
		}
		if (this.guardrails.contains(account, ManagedPolicies.key(name))) {
			throw new ConflictException("the policy is a guardrail of the account; remove the guardrail first");
		}
		if (!this.policies.delete(account, name)) {
			throw notFound(name);
		}
	}

	public StoredPolicy get(AccountId account, String name) {
		return this.policies.find(account, name).orElseThrow(() -> notFound(name));
	}

	/**
	 * Rows for one page of account policies, in name order (one extra row tells of a next
	 * page).
	 */
	public List<StoredPolicy> page(AccountId account, PageRequest page) {
		return this.policies.page(account, page.after(), page.fetchSize());
	}

	/** The display name of an account or managed policy, or 404. */
	public String resolveName(AccountId account, String name) {
		return managedOr(name, () -> get(account, name).document().name());
	}

	/**
	 * {@link #resolveName}, the account policy's row locked until the transaction ends:
	 * attaching and deleting take this lock, so an attachment never outlives its policy.
	 * Managed policies cannot be deleted and need no lock.
	 */
	private String lockedName(AccountId account, String name) {
		return managedOr(name, () -> this.policies.lockForUpdate(account, name).orElseThrow(() -> notFound(name)));
	}

	private static String managedOr(String name, Supplier<String> accountPolicyName) {
		return ManagedPolicies.find(name).map(PolicyDocument::name).orElseGet(accountPolicyName);
	}

	/**
	 * The policy's name as stored, which may differ in letter case from the one asked
	 * for; else the name as given.
	 */
	public String storedName(AccountId account, String name) {
		return ManagedPolicies.find(name)
			.map(PolicyDocument::name)
			.or(() -> this.policies.find(account, name).map((policy) -> policy.document().name()))
			.orElse(name);
	}

	/**
	 * Attaches an account or managed policy; the caller has checked that the principal
	 * exists.
	 */
	@Transactional
	public void attach(PrincipalRef principal, String policyName) {
		String name = lockedName(principal.account(), policyName);
		List<String> current = this.attachments.policiesOf(principal);
		if (!current.contains(ManagedPolicies.key(name)) && current.size() >= MAX_ATTACHMENTS_PER_PRINCIPAL) {
			throw new ConflictException("a principal holds at most " + MAX_ATTACHMENTS_PER_PRINCIPAL + " policies");
		}
		if (!current.contains(ManagedPolicies.key(name))) {
			List<String> after = new ArrayList<>(current);
			after.add(ManagedPolicies.key(name));
			String excess = excess(principal.account(), after, Map.of());
			if (excess != null) {
				throw new ConflictException(
						"attaching " + name + " would make the policies of " + principal.crn() + " " + excess);
			}
		}
		this.attachments.attach(principal, ManagedPolicies.key(name));
		forget(principal);
	}

	/**
	 * Attaches each named policy; refuses the whole list (naming the entry) if one does
	 * not exist. The policies are locked in key order, so that two such lists never wait
	 * for each other.
	 */
	@Transactional
	public void attachAll(PrincipalRef principal, List<String> policyNames, String field) {
		AccountId account = principal.account();
		SortedMap<String, Integer> entries = new TreeMap<>();
		for (int i = 0; i < policyNames.size(); i++) {
			String entry = policyNames.get(i);
			if (entry == null) {
				throw new InvalidRequestException(field + "[" + i + "]", "must be a policy name");
			}
			String name = nameOfEntry(policyNames, i, field, (n) -> resolveName(account, n));
			entries.putIfAbsent(ManagedPolicies.key(name), i);
		}
		if (entries.size() > MAX_ATTACHMENTS_PER_PRINCIPAL) {
			throw new InvalidRequestException(field, "at most " + MAX_ATTACHMENTS_PER_PRINCIPAL + " policies");
		}
		List<String> after = new ArrayList<>(this.attachments.policiesOf(principal));
		entries.keySet().stream().filter((key) -> !after.contains(key)).forEach(after::add);
		String excess = excess(account, after, Map.of());
		if (excess != null) {
			throw new InvalidRequestException(field, "together these policies would " + excess);
		}
		for (int i : entries.values()) {
			String name = nameOfEntry(policyNames, i, field, (n) -> lockedName(account, n));
			this.attachments.attach(principal, ManagedPolicies.key(name));
		}
		forget(principal);
	}

	/**
	 * The display name of entry {@code i} of a list of policies, or 400 naming the entry.
	 */
	private static String nameOfEntry(List<String> policyNames, int i, String field, UnaryOperator<String> resolve) {
		String entry = policyNames.get(i);
		try {
			return resolve.apply(entry);
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException(field + "[" + i + "]", "no policy named " + entry);
		}
	}

	@Transactional
	public void detach(PrincipalRef principal, String policyName) {
		if (!this.attachments.detach(principal, ManagedPolicies.key(policyName))) {
			throw new NotFoundException("policy " + policyName + " is not attached to " + principal.crn());
		}
		forget(principal);
	}

	public void detachAll(PrincipalRef principal) {
		this.attachments.detachAll(principal);
		forget(principal);
	}

	/**
	 * Refuses a change of an attached policy that would make the statements of a
	 * principal it is attached to exceed the limits; the policy's row is locked by the
	 * change, so no attach of it runs meanwhile.
	 */
	private void checkHoldersFit(AccountId account, String policyKey, PolicyDocument changed) {
		Map<PrincipalRef, List<String>> holders = this.attachments.policiesOfHolders(account, policyKey);
		if (holders.isEmpty()) {
			return;
		}
		Map<String, Share> shares = shares(account, holders.values().stream().flatMap(List::stream).distinct().toList(),
				Map.of(policyKey, Share.of(changed.statements())));
		for (Map.Entry<PrincipalRef, List<String>> holder : holders.entrySet()) {
			String excess = Share.total(holder.getValue(), shares);
			if (excess != null) {
				throw new ConflictException(
						"the policy is attached to " + holder.getKey().crn() + ", whose policies would then " + excess);
			}
		}
	}

	/**
	 * Why the statements of these policies together break a limit of {@link PermsLimits},
	 * or null.
	 */
	private @Nullable String excess(AccountId account, List<String> policyKeys, Map<String, Share> changed) {
		return Share.total(policyKeys, shares(account, policyKeys, changed));
	}

	/** Each policy's share of a token, {@code changed} standing for what is stored. */
	private Map<String, Share> shares(AccountId account, List<String> policyKeys, Map<String, Share> changed) {
		Map<String, Share> shares = new HashMap<>(changed);
		List<String> accountKeys = new ArrayList<>();
		for (String key : policyKeys) {
			if (!shares.containsKey(key)) {
				ManagedPolicies.find(key)
					.ifPresentOrElse((p) -> shares.put(key, Share.of(p.statements())), () -> accountKeys.add(key));
			}
		}
		this.policies.findAll(account, accountKeys)
			.forEach((p) -> shares.put(ManagedPolicies.key(p.document().name()), Share.of(p.document().statements())));
		return shares;
	}

	/** What one policy's statements add to a token: JSON bytes and patterns. */
	private record Share(long jsonBytes, long patterns) {

		static Share of(List<Statement> statements) {
			long bytes = 0;
			for (Statement statement : statements) {
				bytes += PermsLimits.jsonBytes(statement);
			}
			return new Share(bytes, PermsLimits.patterns(statements));
		}

		/**
		 * Why the policies' statements together break a limit, or null; a policy that is
		 * gone adds nothing.
		 */
		static @Nullable String total(List<String> policyKeys, Map<String, Share> shares) {
			long bytes = PermsLimits.EMPTY_JSON_BYTES;
			long patterns = 0;
			for (String key : policyKeys) {
				Share share = shares.getOrDefault(key, new Share(0, 0));
				bytes += share.jsonBytes();
				patterns += share.patterns();
			}
			return PermsLimits.excess(bytes, patterns);
		}

	}

	private void forget(PrincipalRef principal) {
		AfterCommit.run(() -> this.statements.forget(principal));
		this.cluster.publish(StatementCacheListener.TOPIC, principal.crn().toString());
	}

	/** Display names of the policies attached to the principal. */
	public List<String> attachedTo(PrincipalRef principal) {
		return attachedTo(List.of(principal)).get(principal);
	}

	/**
	 * Display names of the policies attached to each principal, in name order, read in
	 * one query however many principals there are (a list page).
	 */
	public Map<PrincipalRef, List<String>> attachedTo(List<PrincipalRef> principals) {
		Map<PrincipalRef, List<String>> names = new LinkedHashMap<>();
		principals.forEach((principal) -> names.put(principal, new ArrayList<>()));
		for (AttachmentRepository.Attached attached : this.attachments.attachedTo(List.copyOf(names.keySet()))) {
			displayName(attached).ifPresent(names.get(attached.principal())::add);
		}
		return names;
	}

	/**
	 * The managed policy's name, or the account policy's as created; empty when the
	 * policy is gone.
	 */
	private static Optional<String> displayName(AttachmentRepository.Attached attached) {
		return ManagedPolicies.find(attached.policyKey())
			.map(PolicyDocument::name)
			.or(() -> Optional.ofNullable(attached.accountPolicyName()));
	}

	/** Principals of the account that the policy (account or managed) is attached to. */
	public List<PrincipalRef> attachments(AccountId account, String policyName) {
		String name = resolveName(account, policyName);
		return this.attachments.principalsOf(account, ManagedPolicies.key(name));
	}

	/** Most guardrails one account may hold. */
	public static final int MAX_GUARDRAILS_PER_ACCOUNT = 10;

	/**
	 * Makes the account policy a guardrail of its account: its Deny statements apply to
	 * every principal acting in the account from the next token and the next management
	 * call on. A policy holding an Allow statement is refused, as is a managed policy
	 * (they all allow). Answers the policy's name, as created.
	 */
	@Transactional
	public String putGuardrail(AccountId account, String policyName) {
		if (ManagedPolicies.isManaged(policyName)) {
			throw new InvalidRequestException("policy",
					"a guardrail may hold Deny statements only, and managed policies allow");
		}
		String name = lockedName(account, policyName);
		requireDenyOnly(get(account, name).document(), "a guardrail may hold Deny statements only");
		List<String> current = this.guardrails.of(account);
		if (!current.contains(ManagedPolicies.key(name)) && current.size() >= MAX_GUARDRAILS_PER_ACCOUNT) {
			throw new ConflictException("an account holds at most " + MAX_GUARDRAILS_PER_ACCOUNT + " guardrails");
		}
		if (this.guardrails.add(account, ManagedPolicies.key(name), this.clock.instant())) {
			forgetEveryPrincipal();
		}
		return name;
	}

	/** Removes a guardrail; the policy stays. Answers the policy's name, as created. */
	@Transactional
	public String removeGuardrail(AccountId account, String policyName) {
		String name = ManagedPolicies.isManaged(policyName) ? policyName : lockedName(account, policyName);
		if (!this.guardrails.remove(account, ManagedPolicies.key(name))) {
			throw new NotFoundException("the policy " + name + " is not a guardrail of the account");
		}
		forgetEveryPrincipal();
		return name;
	}

	/** The names of the account's guardrails, in name order. */
	public List<String> guardrailsOf(AccountId account) {
		List<String> keys = this.guardrails.of(account);
		return this.policies.findAll(account, keys).stream().map((p) -> p.document().name()).sorted().toList();
	}

	private List<Statement> guardrailStatements(AccountId account) {
		List<String> keys = this.guardrails.of(account);
		if (keys.isEmpty()) {
			return List.of();
		}
		List<Statement> statements = new ArrayList<>();
		this.policies.findAll(account, keys).forEach((p) -> statements.addAll(p.document().statements()));
		return statements;
	}

	private static void requireDenyOnly(PolicyDocument document, String message) {
		List<Statement> statements = document.statements();
		for (int i = 0; i < statements.size(); i++) {
			if (statements.get(i).effect() != org.tessera.policy.Effect.DENY) {
				throw new InvalidRequestException("statements[" + i + "].effect", message);
			}
		}
	}

	private void forgetEveryPrincipal() {
		AfterCommit.run(this.statements::forgetAll);
		this.cluster.publish(StatementCacheListener.TOPIC, StatementCacheListener.EVERY_PRINCIPAL);
	}

	/**
	 * The statements of the policies attached to the principal (the root user's single
	 * allow-all statement), followed by the Deny statements of its account's guardrails.
	 */
	@Override
	public List<Statement> statementsOf(PrincipalRef principal) {
		return this.statements.get(principal);
	}

	private List<Statement> loadStatements(PrincipalRef principal) {
		List<Statement> guardrails = guardrailStatements(principal.account());
		List<String> keys = (principal.kind() == PrincipalRef.Kind.ROOT) ? List.of()
				: this.attachments.policiesOf(principal);
		List<Statement> statements = new ArrayList<>();
		if (principal.kind() == PrincipalRef.Kind.ROOT) {
			statements.add(Statement.ALLOW_ALL);
		}
		List<String> accountKeys = new ArrayList<>();
		for (String key : keys) {
			ManagedPolicies.find(key)
				.ifPresentOrElse((p) -> statements.addAll(p.statements()), () -> accountKeys.add(key));
		}
		this.policies.findAll(principal.account(), accountKeys)
			.forEach((p) -> statements.addAll(p.document().statements()));
		statements.addAll(guardrails);
		return List.copyOf(statements);
	}

	private static NotFoundException notFound(String name) {
		return new NotFoundException("no policy named " + name);
	}

}
