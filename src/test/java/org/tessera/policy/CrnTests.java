package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrnTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "crn:iam:60108:root,                         iam,     60108, root",
			"crn:iam:60108:user/System1,                 iam,     60108, user/System1",
			"crn:iam:60108:service-account/sa-abc,       iam,     60108, service-account/sa-abc",
			"crn:iam:60108:policy/MyPolicy,              iam,     60108, policy/MyPolicy",
			"crn:iam::policy/IAMFullAccess,              iam,     '',    policy/IAMFullAccess",
			"crn:vserver:60108:server/abc,               vserver, 60108, server/abc",
			"crn:v-server2:60108:server/a:b:c,           v-server2, 60108, server/a:b:c", })
	void parsesTheServiceAccountAndEverythingAfterTheThirdColonAsResource(String text, String service, String account,
			String resource) {
		Crn crn = Crn.parse(text);

		assertThat(crn).isEqualTo(new Crn(service, account, resource));
		assertThat(crn.toString()).isEqualTo(text);
		assertThat(Crn.tryParse(text)).contains(crn);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "crn", "crn:", "crn:iam", "crn:iam:60108", "crn:iam:60108:", "arn:iam:60108:root",
			"CRN:iam:60108:root", "crn:IAM:60108:root", "crn::60108:root", "crn:i_am:60108:root", "crn:iam:6o108:root",
			"crn:iam:-60108:root", "crn:iam:60108:user/a b", "crn:iam:60108:user/a\tb", "crn:iam:60108:user/a\n",
			"crn:iam:60108:user/\u0000", "crn:iam:60108:user/a\u00A0b", " crn:iam:60108:root", })
	void refusesTextThatIsNotAResourceName(String text) {
		assertThat(Crn.tryParse(text)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> Crn.parse(text));
	}

	@Test
	void buildsFromPartsAndPrintsTheTextForm() {
		assertThat(Crn.of("iam", "60108", "user/System1").toString()).isEqualTo("crn:iam:60108:user/System1");
		assertThat(Crn.of("iam", "", "policy/IAMFullAccess").toString()).isEqualTo("crn:iam::policy/IAMFullAccess");
	}

	@Test
	void refusesPartsThatBreakTheRules() {
		assertThatIllegalArgumentException().isThrownBy(() -> Crn.of("IAM", "60108", "root"));
		assertThatIllegalArgumentException().isThrownBy(() -> Crn.of("", "60108", "root"));
		assertThatIllegalArgumentException().isThrownBy(() -> Crn.of("iam", "acct", "root"));
		assertThatIllegalArgumentException().isThrownBy(() -> Crn.of("iam", "60108", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> Crn.of("iam", "60108", "user/a b"));
	}

}
