package org.tessera.oauth.token;

/**
 * Implemented by an authorization grant that decides the token's identity itself (token
 * exchange does: the token speaks for the impersonated service account, not the client).
 */
public interface TokenIdentitySource {

	TokenIdentity tokenIdentity();

}
