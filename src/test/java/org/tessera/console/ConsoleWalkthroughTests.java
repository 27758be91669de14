package org.tessera.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.Tessera;
import org.tessera.vserver.VServerApplication;

/**
 * The guide's walkthrough through the console only, in a real browser: account B's root
 * creates the service account that trusts A; A's root creates System1 and writes the
 * impersonation policy in the visual editor, attaching it from its usage tab; System1
 * impersonates with a display name and stops B's server on vServer; both accounts' audit
 * pages show it; user Other is refused. Also the JSON editor's errors, at their line.
 */
class ConsoleWalkthroughTests extends ConsoleBrowserTest {

	private static ConfigurableApplicationContext vServer;

	@BeforeAll
	static void startVServer() {
		vServer = VServerApplication.start("--server.port=" + vServerPort(), "--tessera.vserver.issuer=" + issuer());
	}

	@AfterAll
	static void stopVServer() {
		if (vServer != null) {
			vServer.close();
		}
	}

	@Test
	void systemOneOfAccountAImpersonatesBsServiceAccountAndStopsBsServerThroughTheConsoleOnly() {
		String a = this.tessera.signUp();
		String b = this.tessera.signUp();

		// B's root: the service account that trusts A, and a server on vServer
		signIn(b, "", Tessera.PASSWORD, false);
		this.browser.click("Create service account");
		this.browser.type("name", "AllowAccessFromRootUserAccountA");
		this.browser.type("trustedAccounts", a);
		this.browser.find(By.xpath("//label[text()='vServerFullAccess']")).click();
		this.browser.click("Create");
		String saId = this.browser.find(By.id("client-id")).getText();
		this.browser.click("vServer");
		this.browser.type("server-name", "web-1");
		this.browser.click("Create server");
		assertThat(this.browser.byTest("state-web-1").getText()).isEqualTo("RUNNING");
		signOut();

		// A's root: users System1 and Other, the policy in the visual editor, attached
		// from its usage tab
		signIn(a, "", Tessera.PASSWORD, false);
		for (String user : new String[] { "System1", "Other" }) {
			this.browser.click("Users");
			this.browser.type("user-name", user);
			this.browser.type("user-password", Tessera.PASSWORD);
			this.browser.click("Create user");
		}
		this.browser.screenshot("user");
		this.browser.click("Users");
		assertThat(this.browser.text()).contains("System1", "Other");
		this.browser.screenshot("users");
		this.browser.click("Policies");
		this.browser.screenshot("policies");
		this.browser.click("Create policy");
		this.browser.type("policy-name", "ImpersonateToRootUserAccountB");
		this.browser.find(By.xpath("//label[text()='iam:ImpersonateServiceAccount']")).click();
		this.browser.type("s0.saAccount", b);
		this.browser.type("s0.saId", saId);
		this.browser.click("Add service account");
		assertThat(this.browser.find(By.id("s0.resources")).getAttribute("value"))
			.isEqualTo("crn:iam:" + b + ":service-account/" + saId);
		assertThat(this.browser.find(By.xpath("//input[@value='iam:ImpersonateServiceAccount']")).isSelected())
			.as("the chosen action stays chosen")
			.isTrue();
		this.browser.screenshot("policy-editor");
		this.browser.click("Switch to JSON");
		assertThat(this.browser.find(By.id("policy-document")).getAttribute("value"))
			.contains("\"iam:ImpersonateServiceAccount\"", "crn:iam:" + b + ":service-account/" + saId);
		this.browser.click("Switch to visual editor");
		this.browser.click("Save policy");
		assertThat(this.browser.text()).contains("Saved policy ImpersonateToRootUserAccountB.");
		this.browser.go(issuer() + "/console/policies/ImpersonateToRootUserAccountB?tab=usage");
		this.browser.type("attach-principal", "System1");
		this.browser.click("Attach policy");
		assertThat(this.browser.text()).contains("crn:iam:" + a + ":user/System1");
		this.browser.screenshot("policy-usage");
		signOut();

		// System1 impersonates with a display name and stops B's server
		signIn(a, "System1", Tessera.PASSWORD, true);
		impersonate(saId, "Demo session");
		assertThat(this.browser.byTest("impersonating").getText()).isEqualTo("Impersonating");
		assertThat(this.browser.byTest("principal").getText()).isEqualTo("AllowAccessFromRootUserAccountA");
		assertThat(this.browser.byTest("account-id").getText()).isEqualTo(b);
		assertThat(this.browser.byTest("display-name").getText()).contains("Demo session");
		assertThat(this.browser.path()).isEqualTo("/console/vserver");
		this.browser.find(By.xpath("//button[@aria-label='Stop web-1']")).click();
		assertThat(this.browser.text()).contains("Stopped");
		assertThat(this.browser.byTest("state-web-1").getText()).isEqualTo("STOPPED");
		this.browser.screenshot("impersonating-vserver");
		this.browser.click("Stop impersonating");
		assertThat(this.browser.byTest("account-id").getText()).isEqualTo(a);
		signOut();

		// both accounts' audit pages show the impersonation with its display name
		for (String account : new String[] { b, a }) {
			signIn(account, "", Tessera.PASSWORD, false);
			this.browser.go(issuer() + "/console/audit?type=ImpersonateServiceAccount");
			String audit = this.browser.text();
			assertThat(audit).as(account)
				.contains("System1 (account " + a + ")", "AllowAccessFromRootUserAccountA (account " + b + ")",
						"Demo session", "ALLOWED");
			this.browser.screenshot("audit-" + (account.equals(a) ? "a" : "b"));
			signOut();
		}

		// user Other of A holds no such policy: the server's one message
		signIn(a, "Other", Tessera.PASSWORD, true);
		impersonate(saId, "");
		assertThat(this.browser.find(By.id("impersonate-error")).getText())
			.isEqualTo("Permission iam:ImpersonateServiceAccount denied on " + saId + " (or it may not exist)");
		assertThat(this.browser.byTest("principal").getText()).isEqualTo("Other");
	}

	@Test
	void vServersRefusalIsShownNamingTheActionAndTheResource() {
		String b = this.tessera.signUp();
		String root = this.tessera.loginRoot(b);
		this.tessera.createUser(b, root, "viewer");
		this.tessera.attachToUser(b, root, "viewer", "vServerReadOnlyAccess");
		signIn(b, "", Tessera.PASSWORD, false);
		this.browser.click("vServer");
		this.browser.type("server-name", "db-1");
		this.browser.click("Create server");
		String serverId = this.browser.find(By.xpath("//td[text()='db-1']/following-sibling::td/code")).getText();
		signOut();

		signIn(b, "viewer", Tessera.PASSWORD, true);
		this.browser.click("vServer");
		this.browser.find(By.xpath("//button[@aria-label='Stop db-1']")).click();
		assertThat(this.browser.find(By.cssSelector("[role=alert]")).getText())
			.isEqualTo("Permission vserver:StopServer denied on crn:vserver:" + b + ":server/" + serverId);
		assertThat(this.browser.byTest("state-db-1").getText()).isEqualTo("RUNNING");
		this.browser.screenshot("vserver-refused");
	}

	@Test
	void theJsonEditorShowsAnErrorOfThePolicyLanguageAtItsLine() {
		String a = this.tessera.signUp();
		signIn(a, "", Tessera.PASSWORD, false);
		this.browser.go(issuer() + "/console/policies/new");
		this.browser.type("policy-name", "Broken");
		this.browser.click("Switch to JSON");
		this.browser.type("policy-document", """
				{
				  "name": "Broken",
				  "statements": [
				    {
				      "effect": "Maybe",
				      "actions": ["vserver:GetServer"],
				      "resources": ["*"]
				    }
				  ]
				}""");
		this.browser.click("Save policy");
		assertThat(this.browser.byTest("error-line").getText()).isEqualTo("Line 5:");
		assertThat(this.browser.find(By.cssSelector(".error-line")).getText()).contains("\"effect\": \"Maybe\"");
		this.browser.screenshot("policy-json-error");
		this.browser.type("policy-document", "{ \"name\": \"Broken\", ");
		this.browser.click("Save policy");
		assertThat(this.browser.find(By.id("json-error")).getText()).contains("not valid JSON");
	}

	/**
	 * Signs in to the console: as the root user of {@code account} when {@code user} is
	 * empty, else as that IAM user of it.
	 */
	private void signIn(String account, String user, String password, boolean iamUser) {
		this.browser.go(issuer() + "/console");
		if (iamUser) {
			this.browser.signInAsUser(account, user, password);
		}
		else {
			this.browser.signInAsRoot(account, password);
		}
		this.browser.waitForPath("/console/service-accounts");
	}

	private void impersonate(String target, String displayName) {
		this.browser.find(By.tagName("summary")).click();
		this.browser.click("Impersonate service account");
		this.browser.type("target", target);
		this.browser.type("display-name", displayName);
		this.browser.screenshot("impersonate");
		this.browser.click("Go");
	}

	private void signOut() {
		this.browser.find(By.tagName("summary")).click();
		this.browser.click("Sign out");
	}

}
