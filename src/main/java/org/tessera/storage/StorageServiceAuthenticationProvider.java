package org.tessera.storage;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks the HTTP Basic credential of {@code /storage/v1} against the storage service's,
 * and nothing else: no user, client or service account may sign in there.
 */
final class StorageServiceAuthenticationProvider implements AuthenticationProvider {

	static final String AUTHORITY = "STORAGE_SERVICE";

	private final StorageServiceCredential credential;

	StorageServiceAuthenticationProvider(StorageServiceCredential credential) {
		this.credential = credential;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String name = authentication.getName();
		Object password = authentication.getCredentials();
		if (name == null || !(password instanceof String secret) || !this.credential.matches(name, secret)) {
			throw new BadCredentialsException("not the storage service's credential");
		}
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				List.of(new SimpleGrantedAuthority(AUTHORITY)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
