package org.tessera.vserver;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * vServer stands alone: from Tessera it uses only the enforcement artifact's API
 * ({@code org.tessera.enforcement}) and the JSON error answers of
 * {@code org.tessera.problem}, never the authorization server nor the policy or JOSE
 * packages directly; and the enforcement package uses no Tessera code but the policy,
 * JOSE and problem packages, which themselves use no other Tessera code (problem only the
 * policy language, for the answer to an invalid policy), so nothing of the IAM or OAuth
 * side can reach vServer through them. What the enforcement artifact holds is guarded by
 * {@code org.tessera.enforcement.EnforcementArtifactTests}.
 */
class VServerArchitectureTests {

	private static final JavaClasses VSERVER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.vserver");

	private static final JavaClasses ENFORCEMENT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.enforcement");

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
	void vServerDependsOnNoTesseraCodeButItsOwnTheEnforcementAndTheProblemPackages() {
		noClasses().that()
			.resideInAPackage("org.tessera.vserver..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..").and(not(
					resideInAnyPackage("org.tessera.vserver..", "org.tessera.enforcement..", "org.tessera.problem.."))))
			.check(VSERVER);
	}

	@Test
	void theEnforcementPackageDependsOnNoTesseraCodeButThePolicyTheJoseAndTheProblemPackages() {
		org.assertj.core.api.Assertions.assertThat(ENFORCEMENT.contain("org.tessera.enforcement.VerifiedTokenCache"))
			.isTrue();
		noClasses().that()
			.resideInAPackage("org.tessera.enforcement..")
			.should()
			.dependOnClassesThat(
					resideInAPackage("org.tessera..").and(not(resideInAnyPackage("org.tessera.enforcement..",
							"org.tessera.policy..", "org.tessera.jose..", "org.tessera.problem.."))))
			.check(ENFORCEMENT);
	}

	@Test
	void theEnforcementPackageUsesOnlyTheJdkServletSpringNimbusCaffeineAndSlf4j() {
		classes().that()
			.resideInAPackage("org.tessera.enforcement..")
			.should()
			.onlyDependOnClassesThat(resideInAnyPackage("org.tessera.enforcement..", "org.tessera.policy..",
					"org.tessera.jose..", "org.tessera.problem..", "java..", "javax.crypto..", "jakarta.servlet..",
					"org.springframework..", "com.nimbusds..", "com.github.benmanes.caffeine..", "org.slf4j.."))
			.check(ENFORCEMENT);
	}

	@Test
	void theJosePackageDependsOnNoOtherTesseraCode() {
		org.assertj.core.api.Assertions.assertThat(JOSE.contain("org.tessera.jose.SignedJwtProcessor")).isTrue();
		dependsOnNoOtherTesseraCode("org.tessera.jose", JOSE);
	}

	@Test
	void theProblemPackageDependsOnNoTesseraCodeButThePolicyLanguage() {
		org.assertj.core.api.Assertions.assertThat(PROBLEM.contain("org.tessera.problem.ErrorBodies")).isTrue();
		noClasses().that()
			.resideInAPackage("org.tessera.problem..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..")
				.and(not(resideInAnyPackage("org.tessera.problem..", "org.tessera.policy.."))))
			.check(PROBLEM);
	}

	private static void dependsOnNoOtherTesseraCode(String packageName, JavaClasses classes) {
		noClasses().that()
			.resideInAPackage(packageName + "..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..").and(not(resideInAPackage(packageName + ".."))))
			.check(classes);
	}

}
