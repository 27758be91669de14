package org.tessera;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tessera.account.BoundedPasswordEncoder;
import org.tessera.account.LegacyBcryptPasswordEncoder;
import org.tessera.policy.PolicyLimits;
import org.tessera.policy.PolicyParser;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** Beans shared by every feature of the authorization server. */
@Configuration(proxyBeanMethods = false)
class TesseraConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * People's passwords: Argon2id for every new hash, stored as {@code {argon2}...};
	 * hashes of older versions (BCrypt, stored without a prefix) still verify and report
	 * that they need an upgrade. At most one hash per core runs at once. Client secrets
	 * never go through it (see SecretHasher).
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		LegacyBcryptPasswordEncoder bcrypt = new LegacyBcryptPasswordEncoder();
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", bcrypt));
		encoder.setDefaultPasswordEncoderForMatches(bcrypt);
		return new BoundedPasswordEncoder(encoder, Math.max(1, Runtime.getRuntime().availableProcessors()));
	}

	@Bean
	PolicyParser policyParser() {
		return new PolicyParser(PolicyLimits.DEFAULT);
	}

	/**
	 * JSON fields get the type they declare: no number silently becomes a name, nor a
	 * string a flag.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictScalars() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual, (config) -> {
			config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
			config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
			config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
		})
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
	}

}
