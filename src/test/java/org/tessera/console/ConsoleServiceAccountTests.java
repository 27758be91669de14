package org.tessera.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.tessera.support.Http;
import org.tessera.support.Tessera;

/**
 * The console in a real browser: a root user signs in, creates a service account with the
 * wizard and sees its secret once, manages it from its detail page; an IAM user without
 * rights gets the API's refusal in plain words; the session cookie cannot be read by
 * scripts; the sign-in works from the keyboard alone.
 */
class ConsoleServiceAccountTests extends ConsoleBrowserTest {

	@Test
	void aRootUserCreatesAServiceAccountWithTheWizardAndSeesItsSecretOnlyOnce() {
		String account = this.tessera.signUp();
		String trusted = this.tessera.signUp();
		this.browser.go(issuer() + "/console");
		assertThat(this.browser.path()).isEqualTo("/login");
		this.browser.screenshot("sign-in");
		this.browser.signInAsRoot(account, Tessera.PASSWORD);
		this.browser.waitForPath("/console/service-accounts");
		assertThat(this.browser.byTest("principal").getText()).isEqualTo("root");
		assertThat(this.browser.byTest("account-id").getText()).isEqualTo(account);
		assertThat(this.browser.byTest("account-email").getText()).startsWith("root-").endsWith("@example.test");

		this.browser.click("Create service account");
		this.browser.type("name", "deployer");
		this.browser.type("description", "deploys the web tier");
		this.browser.type("trustedAccounts", trusted);
		this.browser.find(By.xpath("//label[text()='vServerFullAccess']")).click();
		this.browser.screenshot("create-service-account");
		this.browser.click("Create");

		assertThat(this.browser.text()).contains("it will not be shown again");
		String clientId = this.browser.find(By.id("client-id")).getText();
		String secret = this.browser.find(By.id("client-secret")).getText();
		this.browser.screenshot("service-account-created");
		assertThat(this.tessera.clientCredentials(clientId, secret).status()).isEqualTo(200);

		this.browser.driver.navigate().refresh();
		assertThat(this.browser.path()).isEqualTo("/console/service-accounts/" + clientId);
		assertThat(this.browser.text()).doesNotContain(secret).contains("vServerFullAccess");
		assertThat(this.browser.byTest("status").getText()).isEqualTo("active");

		this.browser.go(issuer() + "/console/service-accounts/" + clientId + "?tab=trust");
		assertThat(this.browser.find(By.id("trust-accounts")).getAttribute("value")).contains(trusted);

		this.browser.go(issuer() + "/console/service-accounts?q=deplo");
		assertThat(this.browser.text()).contains("deployer", clientId);
		this.browser.screenshot("service-accounts");
		this.browser.go(issuer() + "/console/service-accounts?q=nothing-like-it");
		assertThat(this.browser.text()).doesNotContain("deployer").contains("No service accounts match");
	}

	@Test
	void aRootUserDisablesAServiceAccountAndItsSecretStopsWorking() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Tessera.ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "batch", List.of(),
				List.of());
		signInAsRoot(account);

		this.browser.go(issuer() + "/console/service-accounts/" + sa.id() + "?tab=actions");
		this.browser.click("Disable");
		assertThat(this.browser.text()).contains("Disabled.");
		assertThat(this.browser.byTest("status").getText()).isEqualTo("disabled");
		assertThat(this.tessera.clientCredentials(sa.id(), sa.secret()).status()).isEqualTo(401);

		this.browser.click("Enable");
		assertThat(this.browser.byTest("status").getText()).isEqualTo("active");
		this.browser.go(issuer() + "/console/service-accounts/" + sa.id() + "?tab=secrets");
		this.browser.click("Create secret");
		String second = this.browser.find(By.id("new-secret")).getText();
		this.browser.screenshot("service-account-secrets");
		this.browser.driver.navigate().refresh();
		assertThat(this.browser.text()).doesNotContain(second);

		this.browser.go(issuer() + "/console/service-accounts/" + sa.id() + "?tab=permissions");
		new org.openqa.selenium.support.ui.Select(this.browser.find(By.id("attach-policy")))
			.selectByVisibleText("vServerReadOnlyAccess");
		this.browser.click("Attach");
		assertThat(this.browser.text()).contains("Attached vServerReadOnlyAccess.");
		Http.Response read = this.tessera.http()
			.get("/iam/v1/accounts/" + account + "/service-accounts/" + sa.id(), root);
		assertThat(read.json().get("policies").toString()).contains("vServerReadOnlyAccess");

		this.browser.go(issuer() + "/console/service-accounts/" + sa.id() + "?tab=actions");
		this.browser.click("Delete");
		assertThat(this.browser.path()).isEqualTo("/console/service-accounts");
		assertThat(this.browser.byTest("status-" + sa.id()).getText()).isEqualTo("deleted");
		this.browser.find(By.xpath("//button[@aria-label='Undelete batch']")).click();
		this.browser.waitForPath("/console/service-accounts/" + sa.id());
		assertThat(this.browser.byTest("status").getText()).isEqualTo("active");
	}

	@Test
	void anIamUserWithoutRightsIsToldWhatWasRefusedAndCreatesNothing() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		this.tessera.createUser(account, root, "intern");
		this.browser.go(issuer() + "/console");
		this.browser.signInAsUser(account, "intern", Tessera.PASSWORD);
		this.browser.waitForPath("/console/service-accounts");
		assertThat(this.browser.byTest("principal").getText()).isEqualTo("intern");
		assertThat(this.browser.find(By.cssSelector("[role=alert]")).getText()).contains("iam:ListServiceAccounts");
		assertThat(this.browser.text()).doesNotContain("Exception", "Whitelabel");
		this.browser.screenshot("refused");

		this.browser.go(issuer() + "/console/service-accounts/new");
		this.browser.type("name", "sneaky");
		this.browser.click("Create");
		assertThat(this.browser.find(By.id("create-error")).getText()).contains("iam:CreateServiceAccount");
		assertThat(this.browser.find(By.id("name")).getAttribute("value")).isEqualTo("sneaky");
		Http.Response list = this.tessera.http().get("/iam/v1/accounts/" + account + "/service-accounts", root);
		assertThat(list.json().get("items")).isEmpty();
	}

	@Test
	void aReadOnlyUserSeesTheControlsItMayNotUseDisabledWithTheReason() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Tessera.ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root, "batch", List.of(),
				List.of());
		this.tessera.createUser(account, root, "auditor");
		this.tessera.attachToUser(account, root, "auditor", "IAMReadOnlyAccess");
		this.browser.go(issuer() + "/console");
		this.browser.signInAsUser(account, "auditor", Tessera.PASSWORD);
		this.browser.waitForPath("/console/service-accounts");

		assertThat(this.browser.text()).contains("batch");
		WebElement create = this.browser.find(By.xpath("//button[normalize-space()='Create service account']"));
		assertThat(create.isEnabled()).isFalse();
		assertThat(this.browser.byTest("create-sa-reason").getText())
			.isEqualTo("Your policies do not allow iam:CreateServiceAccount.");
		this.browser.screenshot("read-only-user");

		this.browser.go(issuer() + "/console/service-accounts/" + sa.id() + "?tab=actions");
		assertThat(this.browser.find(By.xpath("//button[normalize-space()='Disable']")).isEnabled()).isFalse();
		assertThat(this.browser.byTest("toggle-reason").getText()).contains("iam:DisableServiceAccount");
		this.browser.go(issuer() + "/console/users");
		assertThat(this.browser.find(By.xpath("//button[normalize-space()='Create user']")).isEnabled()).isFalse();
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteAndSigningOutEndsTheSession() {
		String account = this.tessera.signUp();
		signInAsRoot(account);
		Cookie session = this.browser.driver.manage().getCookieNamed("JSESSIONID");
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");
		assertThat(this.browser.driver.executeScript("return document.cookie")).isEqualTo("");

		this.browser.find(By.tagName("summary")).click();
		this.browser.click("Sign out");
		assertThat(this.browser.text()).contains("You are signed out.");
		this.browser.go(issuer() + "/console/service-accounts");
		assertThat(this.browser.path()).isEqualTo("/login");
	}

	@Test
	void thePagesFitAPhoneScreenWithoutScrollingSideways() {
		String account = this.tessera.signUp();
		String root = this.tessera.loginRoot(account);
		Tessera.ServiceAccountCredentials sa = this.tessera.createServiceAccount(account, root,
				"a-service-account-with-a-long-name", List.of(), List.of("vServerFullAccess"));
		try (Browser phone = Browser.open(390, 844)) {
			phone.go(issuer() + "/console");
			phone.signInAsRoot(account, Tessera.PASSWORD);
			phone.waitForPath("/console/service-accounts");
			for (String page : List.of("/console/service-accounts", "/console/service-accounts/" + sa.id(),
					"/console/policies", "/console/audit", "/console/users")) {
				phone.go(issuer() + page);
				Object width = phone.driver.executeScript("return document.documentElement.scrollWidth");
				phone.screenshot("phone" + page.replace('/', '-'));
				assertThat(((Number) width).intValue()).as(() -> page + " is too wide because of " + tooWide(phone))
					.isLessThanOrEqualTo(390);
			}
			phone.go(issuer() + "/console/service-accounts/" + sa.id());
			phone.screenshot("phone-service-account");
		}
	}

	private static Object tooWide(Browser phone) {
		return phone.driver.executeScript("""
				return Array.from(document.querySelectorAll('body *'))
					.filter(e => e.getBoundingClientRect().right > window.innerWidth)
					.slice(0, 5)
					.map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)
						+ ' ' + getComputedStyle(e).display + ' ' + (e.textContent || '').slice(0, 60))
					.join(' | ')""");
	}

	@Test
	void aPersonSignsInWithTheKeyboardAlone() {
		String account = this.tessera.signUp();
		this.browser.go(issuer() + "/console");
		WebElement focused = this.browser.driver.switchTo().activeElement();
		assertThat(focused.getAttribute("id")).isEqualTo("root-account");
		new Actions(this.browser.driver).sendKeys(account)
			.sendKeys(Keys.TAB)
			.sendKeys(Tessera.PASSWORD)
			.sendKeys(Keys.ENTER)
			.perform();
		this.browser.waitForPath("/console/service-accounts");
		assertThat(this.browser.byTest("account-id").getText()).isEqualTo(account);
	}

	private void signInAsRoot(String account) {
		this.browser.go(issuer() + "/console");
		this.browser.signInAsRoot(account, Tessera.PASSWORD);
		this.browser.waitForPath("/console/service-accounts");
	}

}
