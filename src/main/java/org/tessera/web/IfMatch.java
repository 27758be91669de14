package org.tessera.web;

import org.jspecify.annotations.Nullable;
import org.tessera.iam.PreconditionFailedException;

/**
 * A request's {@code If-Match} header, for an optimistic change: absent or {@code *} lets
 * any version through, anything else must be the current ETag or the change is refused
 * with 412.
 *
 * @param etag the header's value without surrounding blanks, or null when absent
 */
public record IfMatch(@Nullable String etag) {

	/** No {@code If-Match}: whatever the current version is. */
	public static final IfMatch ANY = new IfMatch(null);

	public IfMatch {
		etag = (etag != null) ? etag.strip() : null;
	}

	/** Whether a resource whose current ETag is {@code current} may be changed. */
	public boolean matches(String current) {
		return this.etag == null || "*".equals(this.etag) || current.equals(this.etag);
	}

	/** Refuses (412) unless {@link #matches} the current ETag. */
	public void requireCurrent(String current) {
		if (!matches(current)) {
			throw new PreconditionFailedException(
					"If-Match " + this.etag + " is not the current version " + current + "; read it again");
		}
	}

}
