package org.tessera.vstorage;

/**
 * One byte range of a {@code Range: bytes=...} header ({@code a-b}, {@code a-} or
 * {@code -n}), clipped to the object; several ranges or a malformed header are ignored,
 * as S3 ignores them, and a range wholly past the end is InvalidRange (416).
 *
 * @param first the first byte's offset
 * @param last the last byte's offset, inclusive
 */
record ByteRange(long first, long last) {

	long length() {
		return this.last - this.first + 1;
	}

	/**
	 * The range, or null to send the whole object.
	 * @throws S3Exception InvalidRange when it cannot be satisfied
	 */
	static ByteRange parse(String header, long size) {
		if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
			return null;
		}
		String spec = header.substring("bytes=".length()).strip();
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return null;
		}
		try {
			String from = spec.substring(0, dash).strip();
			String to = spec.substring(dash + 1).strip();
			if (from.isEmpty()) {
				long suffix = Long.parseLong(to);
				if (suffix <= 0) {
					throw invalidRange();
				}
				return (size == 0) ? null : new ByteRange(Math.max(0, size - suffix), size - 1);
			}
			long first = Long.parseLong(from);
			long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
			if (first < 0 || (!to.isEmpty() && Long.parseLong(to) < first)) {
				return null;
			}
			if (first >= size) {
				throw invalidRange();
			}
			return new ByteRange(first, last);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static S3Exception invalidRange() {
		return new S3Exception("InvalidRange", 416, "The requested range is not satisfiable");
	}

}
