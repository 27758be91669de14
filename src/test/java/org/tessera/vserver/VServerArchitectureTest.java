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
 * vServer stands alone: from Tessera it may use only the policy package, the JOSE verification
 * helper and the JSON error answers of {@code org.tessera.problem}, never the authorization
 * server; and the JOSE helper and the error answers themselves use no other Tessera code, so
 * nothing of the IAM or OAuth side can reach vServer through them.
 */
class VServerArchitectureTest {

	private static final JavaClasses VSERVER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.vserver");

	private static final JavaClasses JOSE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.jose");

	private static final JavaClasses PROBLEM = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.problem");

	@Test
	void vServerClassesAreFound() {
		org.assertj.core.api.Assertions.assertThat(VSERVER.contain("org.tessera.vserver.VServerApplication")).isTrue();
	}

	@Test
	void vServerDependsOnNoTesseraCodeButItsOwnThePolicyTheJoseAndTheProblemPackages() {
		noClasses().that()
			.resideInAPackage("org.tessera.vserver..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..").and(not(resideInAnyPackage("org.tessera.vserver..",
					"org.tessera.policy..", "org.tessera.jose..", "org.tessera.problem.."))))
			.check(VSERVER);
	}

	@Test
	void theJosePackageDependsOnNoOtherTesseraCode() {
		org.assertj.core.api.Assertions.assertThat(JOSE.contain("org.tessera.jose.SignedJwtProcessor")).isTrue();
		dependsOnNoOtherTesseraCode("org.tessera.jose", JOSE);
	}

	@Test
	void theProblemPackageDependsOnNoOtherTesseraCode() {
		org.assertj.core.api.Assertions.assertThat(PROBLEM.contain("org.tessera.problem.ErrorBodies")).isTrue();
		dependsOnNoOtherTesseraCode("org.tessera.problem", PROBLEM);
	}

	private static void dependsOnNoOtherTesseraCode(String packageName, JavaClasses classes) {
		noClasses().that()
			.resideInAPackage(packageName + "..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..").and(not(resideInAPackage(packageName + ".."))))
			.check(classes);
	}

}
