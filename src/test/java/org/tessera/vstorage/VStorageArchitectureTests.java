package org.tessera.vstorage;

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
 * vStorage stands alone, as vServer does: from Tessera it uses only the enforcement
 * artifact's API ({@code org.tessera.enforcement}, its SigV4 verification included) and
 * {@code org.tessera.problem}, never the authorization server nor the policy or JOSE
 * packages directly; and the SigV4 part of the artifact uses nothing but what the
 * artifact may use, and no Spring Security, which vStorage runs without.
 */
class VStorageArchitectureTests {

	private static final JavaClasses VSTORAGE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.vstorage");

	private static final JavaClasses SIGV4 = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.enforcement.sigv4");

	@Test
	void vStorageClassesAreFound() {
		org.assertj.core.api.Assertions.assertThat(VSTORAGE.contain("org.tessera.vstorage.VStorageApplication"))
			.isTrue();
		org.assertj.core.api.Assertions.assertThat(SIGV4.contain("org.tessera.enforcement.sigv4.SigV4Verifier"))
			.isTrue();
	}

	@Test
	void vStorageDependsOnNoTesseraCodeButItsOwnTheEnforcementAndTheProblemPackages() {
		noClasses().that()
			.resideInAPackage("org.tessera.vstorage..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..").and(not(resideInAnyPackage("org.tessera.vstorage..",
					"org.tessera.enforcement..", "org.tessera.problem.."))))
			.check(VSTORAGE);
	}

	@Test
	void theSigV4PackageUsesOnlyTheJdkServletSpringCoreNimbusCaffeineSlf4jAndThePolicyLanguage() {
		classes().that()
			.resideInAPackage("org.tessera.enforcement.sigv4..")
			.should()
			.onlyDependOnClassesThat(
					resideInAnyPackage("org.tessera.enforcement..", "org.tessera.policy..", "java..", "javax.crypto..",
							"jakarta.servlet..", "com.nimbusds..", "com.github.benmanes.caffeine..", "org.slf4j.."))
			.check(SIGV4);
	}

	@Test
	void vStorageDoesNotUseSpringSecurity() {
		for (JavaClasses classes : new JavaClasses[] { VSTORAGE, SIGV4 }) {
			noClasses().should().dependOnClassesThat(resideInAPackage("org.springframework.security..")).check(classes);
		}
	}

}
