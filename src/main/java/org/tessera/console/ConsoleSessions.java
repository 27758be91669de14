package org.tessera.console;

import java.text.ParseException;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tessera.access.PrincipalRef;
import org.tessera.account.Account;
import org.tessera.account.AccountRepository;
import org.tessera.oauth.token.AccessTokenClaims;

/**
 * Makes a {@link ConsoleSession} of a token answer: who the token speaks for, by the
 * names the header shows (the account's e-mail, a service account's name). The token
 * comes straight from this server's token endpoint, so its claims are read without
 * checking the signature again.
 */
@Component
class ConsoleSessions {

	private final AccountRepository accounts;

	private final PrincipalNames names;

	ConsoleSessions(AccountRepository accounts, PrincipalNames names) {
		this.accounts = accounts;
		this.names = names;
	}

	/** A person's own session. */
	ConsoleSession signedIn(Map<String, Object> tokenAnswer) {
		return of(tokenAnswer, null);
	}

	/** A session that impersonates, on behalf of {@code signedIn}. */
	ConsoleSession impersonating(Map<String, Object> tokenAnswer, ConsoleSession signedIn) {
		return of(tokenAnswer, signedIn);
	}

	private ConsoleSession of(Map<String, Object> answer, @Nullable ConsoleSession signedIn) {
		String token = (String) answer.get("access_token");
		try {
			JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
			PrincipalRef principal = PrincipalRef.fromCrn(claims.getSubject())
				.orElseThrow(() -> new ApiRefusal(502, "The token names no principal; sign in again."));
			String email = this.accounts.findById(principal.account()).map(Account::email).orElse("");
			Instant expiresAt = claims.getExpirationTime().toInstant();
			return new ConsoleSession(token, expiresAt, claims.getSubject(), this.names.nameOf(principal),
					principal.account().value(), email, claims.getStringClaim(AccessTokenClaims.DISPLAY_NAME),
					signedIn);
		}
		catch (ParseException ex) {
			throw new ApiRefusal(502, "The token could not be read; sign in again.");
		}
	}

}
