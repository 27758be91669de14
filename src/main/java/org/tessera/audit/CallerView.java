package org.tessera.audit;

import java.util.Objects;

/**
 * What every account other than the target's sees of an event in place of its real reason
 * and target: a refused impersonation tells the caller's side one reason and the target
 * as it was named, whether or not the target exists, is enabled or trusts the caller. The
 * target's own account keeps the real event; the target account field is empty in this
 * view.
 *
 * @param reason the reason shown to the caller's side
 * @param target the target as the request named it
 */
public record CallerView(String reason, String target) {

	public CallerView {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(target, "target");
	}

}
