package org.tessera.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.tessera.support.IntegrationTest;

/** Base of the console's browser tests: a fresh headless Chromium for every test. */
abstract class ConsoleBrowserTest extends IntegrationTest {

	protected Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.open();
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

}
