package org.tessera.serviceaccount;

import com.fasterxml.jackson.annotation.JsonValue;
import org.tessera.iam.InvalidRequestException;

/**
 * Whether an access key signs requests, spelled as S3 tools and AWS IAM spell it
 * ({@code Active}, {@code Inactive}): an inactive key is kept, so that it can be made
 * active again, but every request it signs is refused.
 */
public enum AccessKeyStatus {

	/** Requests signed with the key are authenticated. */
	ACTIVE("Active"),

	/** Requests signed with the key are refused as signed by an unknown key. */
	INACTIVE("Inactive");

	private final String wire;

	AccessKeyStatus(String wire) {
		this.wire = wire;
	}

	/** The name in the API and the database: {@code Active} or {@code Inactive}. */
	@JsonValue
	public String wire() {
		return this.wire;
	}

	/** The status a request names, or a 400 naming the field. */
	public static AccessKeyStatus of(String wire) {
		for (AccessKeyStatus status : values()) {
			if (status.wire.equals(wire)) {
				return status;
			}
		}
		throw new InvalidRequestException("status", "must be \"Active\" or \"Inactive\"");
	}

}
