package org.tessera.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.IntegrationTest;
import org.tessera.vserver.VServerApplication;
import org.tessera.vstorage.VStorageApplication;

/**
 * Runs every shell snippet the documentation marks as runnable ({@code <!-- runnable -->}
 * on the line before a {@code ```sh} block, in {@code README.md} and under
 * {@code src/site/markdown/}), with bash against the real authorization server and a real
 * vServer, so that a page cannot promise a command that no longer works. The snippets of
 * one page run in order in one bash process with {@code set -euo pipefail}, so a later
 * snippet sees the variables of an earlier one; {@code TESSERA} and {@code VSERVER} carry
 * the servers' URLs ({@code VSTORAGE}, vStorage's host and port). A comment line
 * {@code #   -> text} in a snippet is an expected output: the page's output must contain
 * each such text in order, where {@code <NAME>} and {@code ...} stand for anything within
 * a line.
 */
class RunnableSnippetsTests extends IntegrationTest {

	static final String MARKER = "<!-- runnable -->";

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final long TIMEOUT_SECONDS = 120;

	private static final Pattern EXPECTED = Pattern.compile("^\\s*#\\s+->\\s?(.*)$");

	private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>\\s]+>|\\.\\.\\.|…");

	private static final int VSERVER_PORT = freePort();

	private static final int VSTORAGE_PORT = freePort();

	private static ConfigurableApplicationContext vServer;

	private static ConfigurableApplicationContext vStorage;

	@BeforeAll
	static void startResourceServers() {
		vServer = VServerApplication.start("--server.port=" + VSERVER_PORT, "--tessera.vserver.issuer=" + issuer());
		vStorage = VStorageApplication.start("--server.port=" + VSTORAGE_PORT, "--tessera.vstorage.issuer=" + issuer(),
				"--tessera.vstorage.service-secret=" + STORAGE_SERVICE_SECRET,
				"--tessera.vstorage.data-directory="
						+ Path.of("target", "snippets-vstorage", java.util.UUID.randomUUID().toString())
							.toAbsolutePath());
	}

	@AfterAll
	static void stopResourceServers() {
		if (vServer != null) {
			vServer.close();
		}
		if (vStorage != null) {
			vStorage.close();
		}
	}

	@TestFactory
	Stream<DynamicTest> everyRunnableSnippetOfAPageRunsAsWrittenAgainstRealServers() throws IOException {
		List<Page> pages = pages().stream().filter((page) -> !page.snippets().isEmpty()).toList();
		assertThat(pages).extracting(Page::name).contains("README.md", "src/site/markdown/walkthrough.md");
		return pages.stream().map((page) -> DynamicTest.dynamicTest(page.name(), () -> run(page)));
	}

	@Test
	void aRunnableMarkIsFollowedByAShellBlockThatDoesNotStartAServer() throws IOException {
		for (Page page : pages()) {
			for (String snippet : page.snippets()) {
				assertThat(snippet).as(page.name()).doesNotContain("spring-boot:run");
			}
		}
	}

	private void run(Page page) throws Exception {
		Path script = Files.createTempFile("snippets-", ".sh");
		Path out = Files.createTempFile("snippets-", ".out");
		Path err = Files.createTempFile("snippets-", ".err");
		try {
			Files.writeString(script, "set -euo pipefail\n" + String.join("\n", page.snippets()) + "\n");
			ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(ROOT.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile());
			Map<String, String> environment = builder.environment();
			environment.put("TESSERA", issuer());
			environment.put("VSERVER", "http://localhost:" + VSERVER_PORT);
			environment.put("VSTORAGE", "localhost:" + VSTORAGE_PORT);
			Process process = builder.start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				fail(page.name() + " ran longer than " + TIMEOUT_SECONDS + " s\n" + report(out, err));
			}
			assertThat(process.exitValue()).as(page.name() + " failed\n" + report(out, err)).isZero();
			assertExpectedOutput(page, Files.readString(out, StandardCharsets.UTF_8), report(out, err));
		}
		finally {
			Files.deleteIfExists(script);
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	private static void assertExpectedOutput(Page page, String output, String report) {
		int from = 0;
		for (String expected : page.expectations()) {
			Matcher matcher = pattern(expected).matcher(output);
			if (!matcher.find(from)) {
				fail(page.name() + ": expected, after what matched before, output matching\n  " + expected + "\n"
						+ report);
			}
			from = matcher.end();
		}
	}

	/**
	 * The expected text as a pattern: literal, but for placeholders, which match anything
	 * within a line.
	 */
	static Pattern pattern(String expected) {
		StringBuilder regex = new StringBuilder();
		Matcher placeholder = PLACEHOLDER.matcher(expected);
		int last = 0;
		while (placeholder.find()) {
			regex.append(Pattern.quote(expected.substring(last, placeholder.start()))).append("[^\\n]*?");
			last = placeholder.end();
		}
		regex.append(Pattern.quote(expected.substring(last)));
		return Pattern.compile(regex.toString());
	}

	private static String report(Path out, Path err) throws IOException {
		return "--- stdout\n" + Files.readString(out) + "\n--- stderr\n" + Files.readString(err);
	}

	private static List<Page> pages() throws IOException {
		List<Path> files = new ArrayList<>();
		files.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.walk(ROOT.resolve("src/site/markdown"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		List<Page> pages = new ArrayList<>();
		for (Path file : files) {
			pages.add(Page.read(ROOT.relativize(file).toString().replace('\\', '/'), Files.readAllLines(file)));
		}
		return pages;
	}

	/** A documentation page's runnable snippets, in page order. */
	record Page(String name, List<String> snippets) {

		static Page read(String name, List<String> lines) {
			List<String> snippets = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				if (!lines.get(i).strip().equals(MARKER)) {
					continue;
				}
				String fence = (i + 1 < lines.size()) ? lines.get(i + 1).strip() : "";
				assertThat(fence).as(name + " line " + (i + 1) + ": " + MARKER + " must precede a ```sh block")
					.isIn("```sh", "```bash");
				StringBuilder snippet = new StringBuilder();
				int j = i + 2;
				while (j < lines.size() && !lines.get(j).strip().equals("```")) {
					snippet.append(lines.get(j)).append('\n');
					j++;
				}
				assertThat(j).as(name + " line " + (i + 2) + ": unclosed code block").isLessThan(lines.size());
				snippets.add(snippet.toString());
				i = j;
			}
			return new Page(name, List.copyOf(snippets));
		}

		List<String> expectations() {
			List<String> expected = new ArrayList<>();
			for (String snippet : this.snippets) {
				for (String line : snippet.split("\n")) {
					Matcher matcher = EXPECTED.matcher(line);
					if (matcher.matches()) {
						expected.add(matcher.group(1).strip());
					}
				}
			}
			return expected;
		}

	}

}
