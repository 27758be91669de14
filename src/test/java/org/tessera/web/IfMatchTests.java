package org.tessera.web;

import org.junit.jupiter.api.Test;
import org.tessera.iam.PreconditionFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What an {@code If-Match} header lets through. */
class IfMatchTests {

	@Test
	void noHeaderOrAStarLetsAnyVersionThrough() {
		assertThat(IfMatch.ANY.matches("\"v3\"")).isTrue();
		assertThat(new IfMatch(" * ").matches("\"v3\"")).isTrue();
	}

	@Test
	void theCurrentETagLetsTheChangeThroughWhateverBlanksSurroundIt() {
		assertThat(new IfMatch("  \"v3\"\t").matches("\"v3\"")).isTrue();
	}

	@Test
	void anyOtherValueIsRefusedNamingBothVersions() {
		assertThat(new IfMatch("\"v2\"").matches("\"v3\"")).isFalse();
		assertThat(new IfMatch("").matches("\"v3\"")).isFalse();
		assertThatExceptionOfType(PreconditionFailedException.class)
			.isThrownBy(() -> new IfMatch(" \"v2\" ").requireCurrent("\"v3\""))
			.withMessage("If-Match \"v2\" is not the current version \"v3\"; read it again");
	}

}
