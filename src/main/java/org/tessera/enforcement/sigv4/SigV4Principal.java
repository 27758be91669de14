package org.tessera.enforcement.sigv4;

import java.util.List;
import java.util.Objects;

import org.tessera.policy.Statement;

/**
 * Who signed a verified request, as the authorization server described the access key's
 * owner: its account, its subject and the statements of its policies. It is all a
 * resource server needs to decide the request with {@link SigV4PolicyAuthorizer}.
 *
 * @param accessKeyId the access key that signed the request
 * @param account the digits of the owner's account ({@code acct})
 * @param subject the owner's CRN, e.g. {@code crn:iam:53461:service-account/sa-1}
 * @param statements the parsed {@code perms}
 */
public record SigV4Principal(String accessKeyId, String account, String subject, List<Statement> statements) {

	public SigV4Principal {
		Objects.requireNonNull(accessKeyId, "accessKeyId");
		Objects.requireNonNull(account, "account");
		Objects.requireNonNull(subject, "subject");
		statements = List.copyOf(statements);
	}

}
