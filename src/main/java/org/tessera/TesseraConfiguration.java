package org.tessera;

import java.time.Clock;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
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

	/** People's passwords: a slow hash. Client secrets never go through it (see SecretHasher). */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	PolicyParser policyParser() {
		return new PolicyParser(PolicyLimits.DEFAULT);
	}

	/** JSON fields get the type they declare: no number silently becomes a name, nor a string a flag. */
	@Bean
	JsonMapperBuilderCustomizer strictScalars() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual, (config) -> {
			config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
			config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
			config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
		}).withCoercionConfig(LogicalType.Boolean, (config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer, (config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
	}

}
