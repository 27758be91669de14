package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PolicyLimitsTests {

	@Test
	void theDefaultsAreTheProductLimits() {
		assertThat(PolicyLimits.DEFAULT).isEqualTo(new PolicyLimits(128, 1000, 50, 50, 50, 512));
	}

	@Test
	void everyLimitMustBeAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyLimits(0, 1, 1, 1, 1, 1))
			.withMessageContaining("maxNameLength");
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyLimits(1, 0, 1, 1, 1, 1))
			.withMessageContaining("maxDescriptionLength");
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyLimits(1, 1, 0, 1, 1, 1))
			.withMessageContaining("maxStatements");
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyLimits(1, 1, 1, -1, 1, 1))
			.withMessageContaining("maxActionsPerStatement");
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyLimits(1, 1, 1, 1, 0, 1))
			.withMessageContaining("maxResourcesPerStatement");
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyLimits(1, 1, 1, 1, 1, 0))
			.withMessageContaining("maxPatternLength");
	}

	@Test
	void patternsCannotBeAllowedLongerThanAStatementAccepts() {
		assertThat(new PolicyLimits(1, 1, 1, 1, 1, 512).maxPatternLength()).isEqualTo(512);
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyLimits(1, 1, 1, 1, 1, 513))
			.withMessageContaining("maxPatternLength");
	}

}
