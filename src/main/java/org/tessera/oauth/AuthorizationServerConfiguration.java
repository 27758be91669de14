package org.tessera.oauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.tessera.TesseraProperties;
import org.tessera.audit.AuditLog;
import org.tessera.cluster.DatabaseKind;
import org.tessera.oauth.client.ClientAssertionReplayGuard;
import org.tessera.oauth.client.PublicClientExchangeAuthenticationConverter;
import org.tessera.oauth.client.PublicClientExchangeAuthenticationProvider;
import org.tessera.oauth.client.SafeClientAuthenticationConverter;
import org.tessera.oauth.client.ServiceAccountAssertionVerifier;
import org.tessera.oauth.client.ServiceAccountKeyAuthenticationProvider;
import org.tessera.oauth.client.ServiceAccountSecretAuthenticationProvider;
import org.tessera.oauth.exchange.ImpersonationProvider;
import org.tessera.oauth.exchange.ImpersonationRequestConverter;
import org.tessera.oauth.client.TesseraClients;
import org.tessera.oauth.jwtbearer.JwtBearerClientAuthenticationConverter;
import org.tessera.oauth.jwtbearer.JwtBearerClientAuthenticationProvider;
import org.tessera.oauth.jwtbearer.JwtBearerGrantConverter;
import org.tessera.oauth.jwtbearer.JwtBearerGrantProvider;
import org.tessera.oauth.key.ActiveKeyJwtEncoder;
import org.tessera.oauth.key.SigningKeys;
import org.tessera.oauth.token.AccessTokenCustomizer;
import org.tessera.oauth.token.AccessTokenDecoder;
import org.tessera.oauth.token.JwtIntrospectionProvider;
import org.tessera.oauth.token.JwtRevocationProvider;
import org.tessera.oauth.login.LoginRequestCache;
import org.tessera.oauth.token.PendingAuthorizations;
import org.tessera.oauth.token.RevocationList;
import org.tessera.oauth.token.TokenIdentityResolver;
import org.tessera.oauth.token.TokenNarrowingParameters;
import org.tessera.oauth.token.TransientAuthorizationService;
import org.tessera.serviceaccount.LastUse;
import org.tessera.serviceaccount.SecretHasher;
import org.tessera.serviceaccount.ServiceAccountDirectory;
import org.tessera.throttle.ClientFailureThrottleFilter;
import org.tessera.throttle.SourceResolver;
import org.tessera.throttle.Throttles;
import org.tessera.problem.ProblemResponses;
import org.tessera.problem.OAuth2ErrorResponseHandler;

/**
 * Wires Spring Authorization Server to Tessera: clients from the IAM store, keyed-hash
 * client secrets, {@code private_key_jwt} and the JWT-bearer grant over one assertion
 * check, self-contained RFC 9068 access tokens with no token store, and introspection and
 * revocation that work from the JWT. Only wiring lives here.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<?> tokenGenerator,
			ServiceAccountDirectory serviceAccounts, SecretHasher hasher, AccessTokenDecoder decoder,
			TokenIdentityResolver identities, RevocationList revocations, AuditLog audit, TesseraProperties properties,
			AuthorizationServerSettings settings, LastUse lastUse, ClientAssertionReplayGuard replays,
			SigningKeys signingKeys, TokenNarrowingParameters narrowing, Clock clock) {
		DiscoveryMetadata discovery = new DiscoveryMetadata(signingKeys.algorithm(), narrowing.resources());
		ServiceAccountSecretAuthenticationProvider secrets = new ServiceAccountSecretAuthenticationProvider(clients,
				serviceAccounts, hasher, lastUse, clock);
		ServiceAccountAssertionVerifier assertions = new ServiceAccountAssertionVerifier(serviceAccounts, replays,
				lastUse, properties.issuer(), settings.getTokenEndpoint(), clock);
		ServiceAccountKeyAuthenticationProvider keys = new ServiceAccountKeyAuthenticationProvider(clients, assertions);
		ImpersonationProvider impersonation = new ImpersonationProvider(serviceAccounts, identities, decoder,
				tokenGenerator, audit, properties, clock);
		OAuth2ErrorResponseHandler errors = new OAuth2ErrorResponseHandler();
		AuthorizationResponseHandler responses = new AuthorizationResponseHandler(properties.issuer());
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.registeredClientRepository(clients)
				.authorizationService(authorizations)
				.tokenGenerator(tokenGenerator)
				.clientAuthentication((client) -> client
					.authenticationConverter(new PublicClientExchangeAuthenticationConverter(
							settings.getTokenEndpoint(), settings.getTokenRevocationEndpoint()))
					.authenticationConverter(new JwtBearerClientAuthenticationConverter(settings.getTokenEndpoint()))
					.authenticationConverters(
							(converters) -> converters.replaceAll(SafeClientAuthenticationConverter::new))
					.authenticationProviders((providers) -> {
						providers.removeIf(ClientSecretAuthenticationProvider.class::isInstance);
						providers.removeIf(JwtClientAssertionAuthenticationProvider.class::isInstance);
						providers.add(0, secrets);
						providers.add(0, keys);
						providers.add(0, new PublicClientExchangeAuthenticationProvider(clients));
						providers.add(0, new JwtBearerClientAuthenticationProvider(clients, assertions));
					})
					.errorResponseHandler(errors))
				.tokenEndpoint(
						(token) -> token.accessTokenRequestConverter(new ImpersonationRequestConverter(narrowing))
							.authenticationProvider(impersonation)
							.accessTokenRequestConverter(new JwtBearerGrantConverter())
							.authenticationProvider(new JwtBearerGrantProvider(assertions, tokenGenerator))
							.errorResponseHandler(errors))
				.tokenIntrospectionEndpoint((introspection) -> introspection.authenticationProviders((providers) -> {
					providers.clear();
					providers.add(new JwtIntrospectionProvider(decoder, identities));
				}).errorResponseHandler(errors))
				.tokenRevocationEndpoint((revocation) -> revocation.authenticationProviders((providers) -> {
					providers.clear();
					providers.add(new JwtRevocationProvider(decoder, revocations));
				}).errorResponseHandler(errors))
				.authorizationEndpoint((authorization) -> authorization.authorizationResponseHandler(responses)
					.errorResponseHandler(responses))
				.authorizationServerMetadataEndpoint(
						(metadata) -> metadata.authorizationServerMetadataCustomizer(discovery::describe))
				.oidc((oidc) -> oidc.providerConfigurationEndpoint(
						(configuration) -> configuration.providerConfigurationCustomizer(discovery::describe)));
		});
		// Spring Authorization Server accepts bearer tokens here (OIDC UserInfo, switched
		// off); answer failures in JSON
		http.oauth2ResourceServer(
				(resourceServer) -> resourceServer.authenticationEntryPoint(ProblemResponses.bearerEntryPointByPath()));
		// only a browser's authorization request is remembered for after the login, and
		// only its URL
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.requestCache((cache) -> cache.requestCache(new LoginRequestCache(browsersAuthorizing(settings))))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						browsersAuthorizing(settings))
				.defaultAuthenticationEntryPointFor(new InvalidClientEntryPoint(), AnyRequestMatcher.INSTANCE));
		return http.build();
	}

	/**
	 * Browsers (asking for HTML, not for anything) at the authorization endpoint are sent
	 * to the login page; every other endpoint answers JSON whatever the Accept header
	 * says.
	 */
	private static RequestMatcher browsersAuthorizing(AuthorizationServerSettings settings) {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return new AndRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint()), html);
	}

	/**
	 * Before Spring Security: a source out of failure budget is answered before its body
	 * is read or any credential checked.
	 */
	@Bean
	FilterRegistrationBean<ClientFailureThrottleFilter> clientFailureThrottleFilter(SourceResolver sources,
			Throttles throttles, AuthorizationServerSettings settings) {
		FilterRegistrationBean<ClientFailureThrottleFilter> registration = new FilterRegistrationBean<>(
				new ClientFailureThrottleFilter(sources, throttles.clientFailures()));
		registration.addUrlPatterns(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
				settings.getTokenRevocationEndpoint());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * OpenID Connect UserInfo and logout cannot work without a token store: switched off.
	 */
	@Bean
	FilterRegistrationBean<AbsentEndpointFilter> absentOidcEndpoints(AuthorizationServerSettings settings) {
		FilterRegistrationBean<AbsentEndpointFilter> registration = new FilterRegistrationBean<>(
				new AbsentEndpointFilter());
		registration.addUrlPatterns(settings.getOidcUserInfoEndpoint(), settings.getOidcLogoutEndpoint());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(ServiceAccountDirectory serviceAccounts,
			TesseraProperties properties) {
		return new TesseraClients(serviceAccounts, properties);
	}

	/**
	 * Logins under way and redeemed codes: in memory on H2, in the shared database on
	 * PostgreSQL, where any node may finish a login another started.
	 */
	@Bean
	OAuth2AuthorizationService authorizationService(RevocationList revocations, Clock clock, DatabaseKind database,
			JdbcClient jdbc) {
		Duration lifetime = Duration.ofMinutes(10);
		return database.isShared() ? new TransientAuthorizationService(PendingAuthorizations.inDatabase(jdbc, clock),
				lifetime, revocations, clock)
				: new TransientAuthorizationService(lifetime, 100_000, revocations, clock);
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys, AccessTokenCustomizer customizer) {
		JwtGenerator generator = new JwtGenerator(new ActiveKeyJwtEncoder(keys));
		generator.setJwtCustomizer(customizer);
		return generator;
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return keys.allKeys();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(TesseraProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

}
