package org.tessera.enforcement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.security.oauth2.jwt.Jwt;
import org.tessera.policy.Crn;
import org.tessera.policy.Decision;
import org.tessera.policy.InvalidPolicyException;
import org.tessera.policy.PolicyEvaluator;
import org.tessera.policy.PolicyLimits;
import org.tessera.policy.PolicyParser;
import org.tessera.policy.Statement;

/**
 * The reusable piece for any resource server that trusts Tessera's access tokens: it
 * decides a request (action, resource CRN) from the token alone, with the same rules as
 * the authorization server (src/site/markdown/policy-language.md).
 * <ul>
 * <li>{@code acct} must be an account id and equal the resource's account, otherwise the
 * request is denied;</li>
 * <li>{@code perms} is parsed as a list of statements; a missing or malformed claim
 * denies the request;</li>
 * <li>the statements are evaluated by {@link PolicyEvaluator}: an Allow must match and no
 * Deny may match;</li>
 * <li>a token narrowed by a session policy ({@code session_perms}) needs that policy's
 * Allow too, and any of its Deny statements refuses.</li>
 * </ul>
 * Each decision is logged with the token's {@code sub}, the {@code sub} of every actor in
 * its {@code act} chain, the action, the resource and ALLOW or DENY, never the token
 * itself: denials at INFO, allowed requests at DEBUG. Like Google Cloud's data-access
 * audit logs and CloudTrail's data events, the log of every allowed data-plane request is
 * opt-in; written per request it was a large share of vServer's CPU
 * (src/site/markdown/decisions/0010-vserver-per-request-work.md). The token's signature,
 * issuer, audience, type and lifetime must already have been checked (by the resource
 * server's {@code JwtDecoder}). A token's parsed statements are kept by its text (at most
 * 10,000 tokens, five minutes each). Thread-safe.
 */
public class TesseraPolicyAuthorizer {

	private static final Logger log = LoggerFactory.getLogger(TesseraPolicyAuthorizer.class);

	/** The claim of a session policy's statements. */
	static final String SESSION_PERMS = "session_perms";

	/**
	 * Deepest {@code act} chain read for logging; the authorization server caps chains
	 * far below this.
	 */
	private static final int MAX_LOGGED_ACTORS = 10;

	private final PolicyParser parser = new PolicyParser(PolicyLimits.DEFAULT);

	/** The bound on what the parsed statements of all remembered tokens weigh: 16 MiB. */
	static final long STATEMENTS_MAXIMUM_BYTES = 16L * 1024 * 1024;

	/**
	 * A token's statements, parsed once per token rather than once per request (parsing
	 * was a visible share of an authorised request's CPU). The token text fixes its
	 * claims, so it is the key. Its upkeep runs on the caller's thread, as
	 * {@link VerifiedTokenCache}'s does. Bounded by weight, as that cache is: at most
	 * {@value #STATEMENTS_MAXIMUM_BYTES} bytes of tokens and parsed statements
	 * ({@link #weigh}).
	 */
	private final Cache<String, TokenStatements> statements = Caffeine.newBuilder()
		.maximumWeight(STATEMENTS_MAXIMUM_BYTES)
		.weigher(TesseraPolicyAuthorizer::weigh)
		.expireAfterWrite(Duration.ofMinutes(5))
		.executor(Runnable::run)
		.build();

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	/**
	 * An estimate of the heap one entry holds, in bytes: the token's text, and for every
	 * pattern of its statements the string, its compiled form and their overheads.
	 */
	private static int weigh(String token, TokenStatements parsed) {
		long bytes = 128 + (long) token.length();
		List<Statement> all = new ArrayList<>(parsed.perms());
		if (parsed.session() != null) {
			all.addAll(parsed.session());
		}
		for (Statement statement : all) {
			bytes += 128;
			for (List<String> patterns : List.of(statement.actions(), statement.resources())) {
				for (String pattern : patterns) {
					bytes += 120 + pattern.length();
				}
			}
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	/**
	 * Decides whether the token allows {@code action} on {@code resourceCrn}, and logs
	 * the decision.
	 */
	public Decision check(Jwt jwt, String action, String resourceCrn) {
		Decision decision = decide(jwt, action, resourceCrn);
		Level level = decision.allowed() ? Level.DEBUG : Level.INFO;
		if (log.isEnabledForLevel(level)) {
			log.atLevel(level)
				.log("decision={} sub={} act={} action={} resource={}", decision.allowed() ? "ALLOW" : "DENY",
						safe(jwt.getSubject()), actors(jwt), safe(action), safe(resourceCrn));
		}
		return decision;
	}

	/** Like {@link #check}, but throws when the request is not allowed. */
	public void require(Jwt jwt, String action, String resourceCrn) {
		if (!check(jwt, action, resourceCrn).allowed()) {
			throw new PolicyDeniedException(action, resourceCrn);
		}
	}

	private Decision decide(Jwt jwt, String action, String resourceCrn) {
		Object account = jwt.getClaims().get("acct");
		if (!(account instanceof String acct) || !isAccountId(acct)) {
			return Decision.IMPLICIT_DENY;
		}
		Optional<Crn> resource = Crn.tryParse(resourceCrn);
		if (resource.isEmpty() || !resource.get().account().equals(acct)) {
			return Decision.IMPLICIT_DENY;
		}
		TokenStatements statements = this.statements.getIfPresent(jwt.getTokenValue());
		if (statements == null) {
			try {
				Object session = jwt.getClaims().get(SESSION_PERMS);
				statements = new TokenStatements(this.parser.parseStatements(jwt.getClaims().get("perms"), "perms"),
						(session != null) ? this.parser.parseStatements(session, SESSION_PERMS) : null);
			}
			catch (InvalidPolicyException | IllegalArgumentException ex) {
				return Decision.IMPLICIT_DENY;
			}
			this.statements.put(jwt.getTokenValue(), statements);
		}
		return this.evaluator.evaluate(acct, statements.perms(), statements.session(), action, resourceCrn);
	}

	/**
	 * A token's parsed {@code perms} and, when it was narrowed by a session policy, its
	 * {@code session_perms} (else null).
	 */
	private record TokenStatements(List<Statement> perms, List<Statement> session) {
	}

	private static boolean isAccountId(String account) {
		for (int i = 0; i < account.length(); i++) {
			if (account.charAt(i) < '0' || account.charAt(i) > '9') {
				return false;
			}
		}
		return !account.isEmpty();
	}

	/**
	 * The {@code sub} of each actor, nearest first, e.g.
	 * {@code [crn:iam:53461:user/System1]}.
	 */
	private static List<String> actors(Jwt jwt) {
		List<String> actors = new ArrayList<>();
		Object act = jwt.getClaims().get("act");
		while (act instanceof Map<?, ?> actor && actors.size() < MAX_LOGGED_ACTORS) {
			actors.add(safe(String.valueOf(actor.get("sub"))));
			act = actor.get("act");
		}
		return actors;
	}

	/** Keeps log lines on one line whatever a claim holds. */
	private static String safe(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder text = new StringBuilder(Math.min(value.length(), 256));
		value.codePoints().limit(256).forEach((c) -> text.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return text.toString();
	}

}
