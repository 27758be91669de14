package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EffectTests {

	@Test
	void isSpelledAllowAndDenyInDocuments() {
		assertThat(Effect.ALLOW.jsonName()).isEqualTo("Allow");
		assertThat(Effect.DENY.jsonName()).isEqualTo("Deny");
		assertThat(Effect.fromJsonName("Allow")).isEqualTo(Effect.ALLOW);
		assertThat(Effect.fromJsonName("Deny")).isEqualTo(Effect.DENY);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@NullAndEmptySource
	@ValueSource(strings = { "allow", "ALLOW", "deny", "DENY", " Allow", "Allow ", "Permit" })
	void acceptsOnlyTheExactSpelling(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Effect.fromJsonName(text));
	}

}
