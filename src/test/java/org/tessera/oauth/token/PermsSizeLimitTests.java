package org.tessera.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.tessera.policy.Effect;
import org.tessera.policy.Statement;

class PermsSizeLimitTests {

	@Test
	void theCountIsTheJsonLengthForPlainPatternsAndNeverLessWithAnyOther() {
		List<Statement> plain = List.of(new Statement(Effect.ALLOW, List.of("vserver:*", "iam:Get*"), List.of("*")),
				new Statement(Effect.DENY, List.of("vserver:DeleteServer"),
						List.of("crn:vserver:60108:server/a", "crn:vserver:60108:server/b")));
		List<Statement> odd = List.of(new Statement(Effect.ALLOW, List.of("*"),
				List.of("crn:vserver:60108:server/\"quoted\\\"", "crn:vserver:60108:server/caf\u00e9-\uD83D\uDE00")));

		assertThat(PermsSizeLimit.jsonBytes(plain) - jsonBytes(plain)).isBetween(0L, 3L * plain.size());
		assertThat(PermsSizeLimit.jsonBytes(odd)).isGreaterThanOrEqualTo(jsonBytes(odd));
	}

	/** As the token carries it: the JSON the signed JWT's claims set holds. */
	private static long jsonBytes(List<Statement> statements) {
		String claims = new JWTClaimsSet.Builder().claim("perms", statements.stream().map(Statement::toJson).toList())
			.build()
			.toString();
		return claims.substring("{\"perms\":".length(), claims.length() - 1).getBytes(StandardCharsets.UTF_8).length;
	}

}
