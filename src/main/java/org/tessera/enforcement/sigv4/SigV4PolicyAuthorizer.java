package org.tessera.enforcement.sigv4;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.tessera.enforcement.PolicyDeniedException;
import org.tessera.policy.Crn;
import org.tessera.policy.Decision;
import org.tessera.policy.PolicyEvaluator;

/**
 * Decides a SigV4-signed request (action, resource CRN) for the access key's owner with
 * the same rules as {@code org.tessera.enforcement.TesseraPolicyAuthorizer} applies to an
 * access token: the resource must be a CRN of the owner's account, and the owner's
 * {@code perms} must allow the action on it with no Deny matching. Each decision is
 * logged with the owner's {@code sub}, the access key id, the action and the resource,
 * never a signature or a key: denials at INFO, allowed requests at DEBUG. Thread-safe.
 */
public class SigV4PolicyAuthorizer {

	private static final Logger log = LoggerFactory.getLogger(SigV4PolicyAuthorizer.class);

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	/** Decides whether the principal may do {@code action} on {@code resourceCrn}. */
	public Decision check(SigV4Principal principal, String action, String resourceCrn) {
		Decision decision = decide(principal, action, resourceCrn);
		Level level = decision.allowed() ? Level.DEBUG : Level.INFO;
		if (log.isEnabledForLevel(level)) {
			log.atLevel(level)
				.log("decision={} sub={} accessKeyId={} action={} resource={}", decision.allowed() ? "ALLOW" : "DENY",
						safe(principal.subject()), safe(principal.accessKeyId()), safe(action), safe(resourceCrn));
		}
		return decision;
	}

	/** Like {@link #check}, as a yes or no. */
	public boolean allows(SigV4Principal principal, String action, String resourceCrn) {
		return check(principal, action, resourceCrn).allowed();
	}

	/**
	 * Like {@link #check}, but throws when the request is not allowed.
	 * @throws PolicyDeniedException when it is not allowed
	 */
	public void require(SigV4Principal principal, String action, String resourceCrn) {
		if (!check(principal, action, resourceCrn).allowed()) {
			throw new PolicyDeniedException(action, resourceCrn);
		}
	}

	private Decision decide(SigV4Principal principal, String action, String resourceCrn) {
		Optional<Crn> resource = Crn.tryParse(resourceCrn);
		if (resource.isEmpty() || !resource.get().account().equals(principal.account())) {
			return Decision.IMPLICIT_DENY;
		}
		return this.evaluator.evaluate(principal.account(), principal.statements(), action, resourceCrn);
	}

	/** Keeps log lines on one line whatever a value holds. */
	private static String safe(String value) {
		StringBuilder text = new StringBuilder(Math.min(value.length(), 256));
		value.codePoints().limit(256).forEach((c) -> text.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return text.toString();
	}

}
