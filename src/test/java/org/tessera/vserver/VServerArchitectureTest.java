package org.tessera.vserver;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** vServer stands alone: from Tessera it may use only the policy package, never the authorization server. */
class VServerArchitectureTest {

	private static final JavaClasses VSERVER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.vserver");

	@Test
	void vServerClassesAreFound() {
		org.assertj.core.api.Assertions.assertThat(VSERVER.contain("org.tessera.vserver.VServerApplication")).isTrue();
	}

	@Test
	void vServerDependsOnNoTesseraCodeButItsOwnAndThePolicyPackage() {
		noClasses().that()
			.resideInAPackage("org.tessera.vserver..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..")
				.and(not(resideInAnyPackage("org.tessera.vserver..", "org.tessera.policy.."))))
			.check(VSERVER);
	}

}
