package org.tessera.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its chromedriver, as a person at a 1280x800
 * screen would use the console; saves a screenshot of each page it is asked to under
 * {@code target/console-screenshots}. Without Chromium installed the browser tests are
 * skipped, except on CI, where they fail ({@code .ci/run} installs it).
 */
final class Browser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");

	final ChromeDriver driver;

	private Browser(ChromeDriver driver) {
		this.driver = driver;
	}

	static Browser open(int width, int height) {
		if (!Files.isExecutable(DRIVER) || !Files.isExecutable(CHROMIUM)) {
			if (System.getenv("CI") != null) {
				fail("Chromium and chromedriver must be installed (apt-get install chromium chromium-driver)");
			}
			Assumptions.abort("Chromium is not installed here");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=" + Math.max(width, 800) + "," + height, "--no-first-run", "--disable-extensions");
		if (width < 800) {
			// a window is never narrower than Chromium's minimum: a phone's screen is
			// emulated
			options.setExperimentalOption("mobileEmulation",
					Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0)));
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return new Browser(driver);
	}

	static Browser open() {
		return open(1280, 800);
	}

	void go(String url) {
		this.driver.get(url);
	}

	WebElement find(By by) {
		return this.driver.findElement(by);
	}

	WebElement byTest(String name) {
		return find(By.cssSelector("[data-test='" + name + "']"));
	}

	void type(String id, String text) {
		WebElement field = find(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	/**
	 * Clicks the button or link of that text and waits for the page it leads to, so that
	 * what is read next is read from the new page.
	 */
	void click(String buttonText) {
		WebElement page = find(By.tagName("html"));
		find(By.xpath("//button[normalize-space()='" + buttonText + "'] | //a[normalize-space()='" + buttonText + "']"))
			.click();
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((WebDriver d) -> isGone(page));
	}

	/**
	 * Whether the element's page has been replaced (the driver may say so in two ways).
	 */
	private static boolean isGone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (WebDriverException ex) {
			return true;
		}
	}

	String text() {
		return find(By.tagName("body")).getText();
	}

	String path() {
		return java.net.URI.create(this.driver.getCurrentUrl()).getPath();
	}

	void waitForPath(String path) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((WebDriver d) -> path().equals(path));
	}

	/** Signs in on the login page's root-user form, from wherever the console sent it. */
	void signInAsRoot(String account, String password) {
		type("root-account", account);
		type("root-password", password);
		click("Sign in as root user");
	}

	void signInAsUser(String account, String user, String password) {
		type("user-account", account);
		type("user-name", user);
		type("user-password", password);
		click("Sign in as IAM user");
	}

	void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
