package org.tessera.vserver;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * vServer stands alone: from Tessera it may use only the policy package and the JOSE verification
 * helper, never the authorization server; and the JOSE helper itself uses no other Tessera code, so
 * nothing of the IAM or OAuth side can reach vServer through it.
 */
class VServerArchitectureTest {

	private static final JavaClasses VSERVER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.vserver");

	private static final JavaClasses JOSE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.jose");

	@Test
	void vServerClassesAreFound() {
		org.assertj.core.api.Assertions.assertThat(VSERVER.contain("org.tessera.vserver.VServerApplication")).isTrue();
	}

	@Test
	void vServerDependsOnNoTesseraCodeButItsOwnThePolicyAndTheJosePackages() {
		noClasses().that()
			.resideInAPackage("org.tessera.vserver..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..")
				.and(not(resideInAnyPackage("org.tessera.vserver..", "org.tessera.policy..", "org.tessera.jose.."))))
			.check(VSERVER);
	}

	@Test
	void theJosePackageDependsOnNoOtherTesseraCode() {
		org.assertj.core.api.Assertions.assertThat(JOSE.contain("org.tessera.jose.SignedJwtProcessor")).isTrue();
		noClasses().that()
			.resideInAPackage("org.tessera.jose..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..").and(not(resideInAPackage("org.tessera.jose.."))))
			.check(JOSE);
	}

}
