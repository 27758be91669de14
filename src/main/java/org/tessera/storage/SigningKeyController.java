package org.tessera.storage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.access.PrincipalStatements;
import org.tessera.iam.InvalidRequestException;
import org.tessera.iam.NotFoundException;
import org.tessera.policy.Statement;
import org.tessera.serviceaccount.AccessKeySigningSecret;
import org.tessera.serviceaccount.ServiceAccount;
import org.tessera.serviceaccount.ServiceAccountAccessKeys;

/**
 * {@code POST /storage/v1/signing-keys}: the storage service's one question, "which key
 * signs requests of this access key on this day, in this region, for this service, and
 * what may its service account do?". The answer carries the derived signing key, never
 * the secret, and the service account's statements as an access token carries them, so
 * the storage service verifies every request of that scope and enforces the policies
 * locally until {@code maxAgeSeconds} have passed. An unknown or inactive key, or a
 * disabled or deleted service account, is one 404.
 */
@RestController
class SigningKeyController {

	private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

	private final ServiceAccountAccessKeys accessKeys;

	private final PrincipalStatements statements;

	private final AccessKeyUseAudit audit;

	private final StorageProperties properties;

	private final Clock clock;

	SigningKeyController(ServiceAccountAccessKeys accessKeys, PrincipalStatements statements, AccessKeyUseAudit audit,
			StorageProperties properties, Clock clock) {
		this.accessKeys = accessKeys;
		this.statements = statements;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	record SigningKeyRequest(String accessKeyId, String date, String region, String service) {
	}

	record SigningKeyAnswer(String accessKeyId, String date, String region, String service, String signingKey,
			String acct, String sub, List<Map<String, Object>> perms, long maxAgeSeconds) {

		@Override
		public String toString() {
			return "SigningKeyAnswer[" + this.accessKeyId + ", " + this.date + "/" + this.region + "/" + this.service
					+ ", key=<hidden>]";
		}

	}

	@PostMapping("/storage/v1/signing-keys")
	SigningKeyAnswer signingKey(@RequestBody(required = false) SigningKeyRequest request) {
		if (request == null || request.accessKeyId() == null) {
			throw new InvalidRequestException("accessKeyId", "is required");
		}
		SigningScope scope = SigningScope.of(request.date(), request.region(), request.service(), this.clock);
		if (!ACCESS_KEY_ID.matcher(request.accessKeyId()).matches()) {
			// no key has such an id: the same answer as for any unknown key
			throw new NotFoundException("no active access key");
		}
		Optional<AccessKeySigningSecret> found = this.accessKeys.forSigning(request.accessKeyId());
		if (found.isEmpty()) {
			this.accessKeys.ownerOf(request.accessKeyId())
				.ifPresent((owner) -> this.audit.refused(request.accessKeyId(), owner, reason(owner)));
			throw new NotFoundException("no active access key " + request.accessKeyId());
		}
		AccessKeySigningSecret signing = found.get();
		ServiceAccount sa = signing.serviceAccount();
		List<Map<String, Object>> perms = this.statements.statementsOf(sa.principal())
			.stream()
			.map(Statement::toJson)
			.toList();
		this.audit.used(signing.key().id(), sa);
		return new SigningKeyAnswer(signing.key().id(), scope.date(), scope.region(), scope.service(),
				SigV4SigningKey.derive(signing.secret(), scope), sa.account().value(), sa.principal().crn().toString(),
				perms, this.properties.signingKeyMaxAge().toSeconds());
	}

	private static String reason(ServiceAccount owner) {
		return owner.active() ? "access_key_inactive" : "service_account_inactive";
	}

}
