package org.tessera.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentTests {

	private static final List<Statement> STATEMENTS = List.of(Statement.ALLOW_ALL);

	@Test
	void mayHaveAnEmptyDescription() {
		assertThat(new PolicyDocument("RootAccess", "", STATEMENTS).description()).isEmpty();
	}

	@Test
	void keepsItsOwnImmutableCopyOfTheStatements() {
		List<Statement> statements = new ArrayList<>(STATEMENTS);
		PolicyDocument document = new PolicyDocument("RootAccess", "", statements);

		statements.clear();

		assertThat(document.statements()).containsExactly(Statement.ALLOW_ALL);
		assertThatThrownBy(() -> document.statements().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void refusesMissingOrMalformedParts() {
		assertRefused(() -> new PolicyDocument(null, "", STATEMENTS), "name");
		assertRefused(() -> new PolicyDocument("", "", STATEMENTS), "name");
		assertRefused(() -> new PolicyDocument("Root Access", "", STATEMENTS), "name");
		assertRefused(() -> new PolicyDocument("RootAccess", null, STATEMENTS), "description");
		assertRefused(() -> new PolicyDocument("RootAccess", "", null), "statements");
		assertRefused(() -> new PolicyDocument("RootAccess", "", List.of()), "statements");
		assertRefused(() -> new PolicyDocument("RootAccess", "", Arrays.asList(Statement.ALLOW_ALL, null)),
				"statements[1]");
	}

	private static void assertRefused(Runnable construction, String field) {
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(construction::run)
			.matches(e -> e.field().equals(field), "field is " + field)
			.withMessageStartingWith(field + ": ");
	}

}
