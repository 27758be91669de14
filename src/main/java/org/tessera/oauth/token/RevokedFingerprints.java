package org.tessera.oauth.token;

import java.security.SecureRandom;
import java.util.concurrent.locks.StampedLock;

/**
 * The revoked {@code jti}s in memory, compactly: a 64-bit fingerprint and an expiry
 * second per revocation in an open-addressing table of primitive arrays kept at most half
 * full, so 32 bytes or less each, up to a fixed number of entries. Reads take no lock and
 * write nothing shared (an optimistic read, retried under the lock only when a write
 * raced it), since every access token presented to this server is looked up here.
 * <p>
 * Fingerprints are keyed with a random seed of this process; two distinct {@code jti}s
 * share one with a probability of about one in 2^64 per pair, and {@code jti}s are drawn
 * by this server, never chosen by a client.
 */
final class RevokedFingerprints {

	private static final int MIN_CAPACITY = 1024;

	private final long seed = new SecureRandom().nextLong();

	private final StampedLock lock = new StampedLock();

	private final int maxEntries;

	/** 0 marks a free slot. */
	private long[] fingerprints = new long[MIN_CAPACITY];

	/** Epoch second from which the revoked token has expired anyway. */
	private long[] expiries = new long[MIN_CAPACITY];

	private int size;

	RevokedFingerprints(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	boolean contains(String jti) {
		long fingerprint = fingerprint(jti);
		long stamp = this.lock.tryOptimisticRead();
		boolean found = find(this.fingerprints, fingerprint);
		if (this.lock.validate(stamp)) {
			return found;
		}
		stamp = this.lock.readLock();
		try {
			return find(this.fingerprints, fingerprint);
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	/**
	 * Whether {@link #add} would take this {@code jti} now: it is held already, or there
	 * is room, once the revocations of expired tokens are dropped.
	 */
	boolean hasRoomFor(String jti, long nowSecond) {
		long fingerprint = fingerprint(jti);
		long stamp = this.lock.writeLock();
		try {
			if (this.size < this.maxEntries || find(this.fingerprints, fingerprint)) {
				return true;
			}
			rebuildWithout(nowSecond);
			return this.size < this.maxEntries;
		}
		finally {
			this.lock.unlockWrite(stamp);
		}
	}

	/**
	 * Adds a revocation; false when the table holds {@code maxEntries} live ones already
	 * and this one is new.
	 */
	boolean add(String jti, long expiresAtSecond, long nowSecond) {
		long fingerprint = fingerprint(jti);
		long stamp = this.lock.writeLock();
		try {
			int slot = slotOf(this.fingerprints, fingerprint);
			if (this.fingerprints[slot] == fingerprint) {
				this.expiries[slot] = Math.max(this.expiries[slot], expiresAtSecond);
				return true;
			}
			if (this.size >= this.maxEntries) {
				rebuildWithout(nowSecond);
				if (this.size >= this.maxEntries) {
					return false;
				}
			}
			if (2 * (this.size + 1) > this.fingerprints.length) {
				resize(this.fingerprints.length * 2, Long.MIN_VALUE);
			}
			slot = slotOf(this.fingerprints, fingerprint);
			this.fingerprints[slot] = fingerprint;
			this.expiries[slot] = expiresAtSecond;
			this.size++;
			return true;
		}
		finally {
			this.lock.unlockWrite(stamp);
		}
	}

	/**
	 * Forgets the revocations of tokens expired before {@code nowSecond}, and shrinks the
	 * table to fit.
	 */
	void removeExpired(long nowSecond) {
		long stamp = this.lock.writeLock();
		try {
			rebuildWithout(nowSecond);
		}
		finally {
			this.lock.unlockWrite(stamp);
		}
	}

	int size() {
		return this.size;
	}

	private void rebuildWithout(long nowSecond) {
		int live = 0;
		for (int i = 0; i < this.fingerprints.length; i++) {
			if (this.fingerprints[i] != 0 && this.expiries[i] >= nowSecond) {
				live++;
			}
		}
		int capacity = MIN_CAPACITY;
		while (capacity < 2 * live) {
			capacity *= 2;
		}
		resize(capacity, nowSecond);
	}

	private void resize(int capacity, long keepFromSecond) {
		long[] oldFingerprints = this.fingerprints;
		long[] oldExpiries = this.expiries;
		long[] newFingerprints = new long[capacity];
		long[] newExpiries = new long[capacity];
		int kept = 0;
		for (int i = 0; i < oldFingerprints.length; i++) {
			if (oldFingerprints[i] != 0 && oldExpiries[i] >= keepFromSecond) {
				int slot = slotOf(newFingerprints, oldFingerprints[i]);
				newFingerprints[slot] = oldFingerprints[i];
				newExpiries[slot] = oldExpiries[i];
				kept++;
			}
		}
		// the expiries first: a reader that sees the new fingerprints must find them
		// complete
		this.expiries = newExpiries;
		this.fingerprints = newFingerprints;
		this.size = kept;
	}

	private static boolean find(long[] table, long fingerprint) {
		int mask = table.length - 1;
		for (int slot = (int) fingerprint & mask,
				probes = 0; probes < table.length; slot = (slot + 1) & mask, probes++) {
			long at = table[slot];
			if (at == fingerprint) {
				return true;
			}
			if (at == 0) {
				return false;
			}
		}
		return false;
	}

	private static int slotOf(long[] table, long fingerprint) {
		int mask = table.length - 1;
		int slot = (int) fingerprint & mask;
		while (table[slot] != 0 && table[slot] != fingerprint) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	/** FNV-1a over the characters, seeded, then MurmurHash3's finalizer; never 0. */
	private long fingerprint(String jti) {
		long hash = 0xcbf29ce484222325L ^ this.seed;
		for (int i = 0; i < jti.length(); i++) {
			hash = (hash ^ jti.charAt(i)) * 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return (hash == 0) ? 1 : hash;
	}

}
