package org.tessera.lockout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tessera.TesseraProperties;
import org.tessera.audit.AuditEvent;
import org.tessera.audit.AuditLog;

/**
 * Brute-force protection: counts failed logins per login name and failed client authentications
 * per client, and locks one that reaches {@code tessera.lockout.max-failures} within
 * {@code tessera.lockout.duration} for that long. While locked, even right credentials are
 * refused; other names and clients are unaffected. Kept in a bounded in-memory cache (a restart
 * forgets counts), so a flood of made-up names cannot exhaust memory.
 */
@Component
public class FailedAttempts {

	private record Count(int failures, Instant lockedUntil) {
	}

	private final Cache<String, Count> counts;

	private final int maxFailures;

	private final Duration duration;

	private final Clock clock;

	private final AuditLog audit;

	public FailedAttempts(TesseraProperties properties, AuditLog audit, Clock clock) {
		this.audit = audit;
		this.maxFailures = properties.lockout().maxFailures();
		this.duration = properties.lockout().duration();
		this.clock = clock;
		this.counts = Caffeine.newBuilder().expireAfterWrite(this.duration).maximumSize(100_000).build();
	}

	/** Whether {@code key} (a login name or client id) is locked now. */
	public boolean isLocked(String key) {
		Count count = this.counts.getIfPresent(key);
		return count != null && count.lockedUntil() != null && this.clock.instant().isBefore(count.lockedUntil());
	}

	/**
	 * Counts a failure of {@code key}; the failure that locks it is audited as {@code eventType}
	 * on {@code target} (a CRN, when the name is known) so its account sees the lockout.
	 */
	public void failed(String key, String eventType, @Nullable String target, @Nullable String targetAccount) {
		if (countFailure(key)) {
			this.audit.record(new AuditEvent(0, this.clock.instant(), eventType, AuditEvent.DENIED,
					this.maxFailures + " failed attempts; locked for " + this.duration, null, null, List.of(), target,
					targetAccount, null));
		}
	}

	private boolean countFailure(String key) {
		Instant lockedFromNow = this.clock.instant().plus(this.duration);
		Count first = new Count(1, (this.maxFailures <= 1) ? lockedFromNow : null);
		Count after = this.counts.asMap().merge(key, first, (old, ignored) -> {
			int failures = old.failures() + 1;
			Instant lockedUntil = (old.lockedUntil() != null) ? old.lockedUntil()
					: (failures >= this.maxFailures) ? lockedFromNow : null;
			return new Count(failures, lockedUntil);
		});
		return after.failures() == this.maxFailures;
	}

	/** A success clears the count. */
	public void succeeded(String key) {
		this.counts.invalidate(key);
	}

}
