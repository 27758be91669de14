package org.tessera.enforcement;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The enforcement artifact ({@code org.tessera:tessera:<version>:enforcement}, packaged
 * by the {@code enforcement} execution of {@code maven-jar-plugin} in {@code pom.xml}) is
 * complete: it holds exactly the enforcement, policy, JOSE and problem packages and the
 * auto-configuration registration, no class of it needs any other Tessera class, and the
 * registration names the auto-configuration the artifact holds. Checked in the test
 * phase, before the jar is built in {@code package}, from the jar's include list and the
 * compiled classes it selects.
 */
class EnforcementArtifactTests {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private static final String[] PACKAGES = { "org.tessera.enforcement..", "org.tessera.policy..",
			"org.tessera.jose..", "org.tessera.problem.." };

	private static final JavaClasses PACKAGED = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.tessera.enforcement", "org.tessera.policy", "org.tessera.jose", "org.tessera.problem");

	@Test
	void theJarHoldsTheEnforcementPolicyJoseAndProblemPackagesAndTheAutoConfigurationRegistration() throws IOException {
		assertThat(enforcementJarIncludes()).containsExactly("org/tessera/enforcement/**", "org/tessera/policy/**",
				"org/tessera/jose/**", "org/tessera/problem/**", IMPORTS);
	}

	@Test
	void noClassOfTheJarNeedsATesseraClassOutsideIt() {
		assertThat(PACKAGED.contain(TesseraEnforcementAutoConfiguration.class.getName())).isTrue();
		assertThat(PACKAGED.contain("org.tessera.policy.PolicyEvaluator")).isTrue();
		assertThat(PACKAGED.contain("org.tessera.enforcement.sigv4.SigV4Verifier")).isTrue();
		noClasses().that()
			.resideInAnyPackage(PACKAGES)
			.should()
			.dependOnClassesThat(resideInAPackage("org.tessera..").and(not(resideInAnyPackage(PACKAGES))))
			.check(PACKAGED);
	}

	@Test
	void theRegistrationNamesOnlyTheEnforcementAutoConfiguration() throws IOException {
		try (InputStream imports = getClass().getClassLoader().getResourceAsStream(IMPORTS)) {
			assertThat(imports).isNotNull();
			List<String> names = new String(imports.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
			assertThat(names).containsExactly(TesseraEnforcementAutoConfiguration.class.getName());
		}
	}

	/**
	 * The {@code <include>}s of the {@code enforcement} execution in {@code pom.xml}, in
	 * order.
	 */
	private static List<String> enforcementJarIncludes() throws IOException {
		String pom = Files.readString(Path.of("pom.xml"));
		Matcher execution = Pattern.compile("<execution>\\s*<id>enforcement</id>(.*?)</execution>", Pattern.DOTALL)
			.matcher(pom);
		assertThat(execution.find()).as("the enforcement execution of maven-jar-plugin in pom.xml").isTrue();
		assertThat(execution.group(1)).contains("<classifier>enforcement</classifier>");
		List<String> includes = new ArrayList<>();
		Matcher include = Pattern.compile("<include>([^<]*)</include>").matcher(execution.group(1));
		while (include.find()) {
			includes.add(include.group(1).strip());
		}
		return includes;
	}

}
