package org.tessera.demo;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tessera.TesseraProperties;
import org.tessera.account.AccountId;
import org.tessera.account.AccountRepository;
import org.tessera.account.AccountService;
import org.tessera.accountpolicy.AccountPolicyService;
import org.tessera.serviceaccount.CreatedSecret;
import org.tessera.serviceaccount.ServiceAccountLifecycle;
import org.tessera.user.UserService;

/**
 * The {@code demo} profile: seeds the world of the walkthrough
 * (src/site/markdown/walkthrough.md) on first start, so the walkthrough can be tried
 * without typing its set-up. Account A ({@value #ACCOUNT_A}) has user System1 allowed to
 * impersonate B's service account and user Other without that right; account B
 * ({@value #ACCOUNT_B}) has the service account trusting A with
 * {@code vServerFullAccess}. The passwords come from {@code application-demo.properties}
 * and exist only in this profile; they are never logged.
 */
@Component
@Profile("demo")
class DemoWorld implements ApplicationRunner {

	static final String ACCOUNT_A = "53461";

	static final String ACCOUNT_B = "60108";

	static final String SERVICE_ACCOUNT = "AllowAccessFromRootUserAccountA";

	private static final Logger log = LoggerFactory.getLogger(DemoWorld.class);

	private final AccountService accountService;

	private final AccountRepository accounts;

	private final UserService users;

	private final ServiceAccountLifecycle serviceAccounts;

	private final AccountPolicyService policies;

	private final String rootPassword;

	private final String userPassword;

	private final String issuer;

	DemoWorld(AccountService accountService, AccountRepository accounts, UserService users,
			ServiceAccountLifecycle serviceAccounts, AccountPolicyService policies, TesseraProperties properties,
			@Value("${tessera.demo.root-password}") String rootPassword,
			@Value("${tessera.demo.user-password}") String userPassword) {
		this.accountService = accountService;
		this.accounts = accounts;
		this.users = users;
		this.serviceAccounts = serviceAccounts;
		this.policies = policies;
		this.rootPassword = rootPassword;
		this.userPassword = userPassword;
		this.issuer = properties.issuer();
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		AccountId a = new AccountId(ACCOUNT_A);
		AccountId b = new AccountId(ACCOUNT_B);
		if (this.accounts.exists(a)) {
			log.info("Demo world already present in this data directory");
		}
		else {
			seed(a, b);
		}
		log.info("Demo: log in at {}/login as account {} (demoiaas@example.com) user System1 or Other, or as "
				+ "root of account {} (iaas.dev4@example.com); passwords are tessera.demo.* in "
				+ "application-demo.properties. src/site/markdown/operations.md, 'Demo mode', walks through it.",
				this.issuer, ACCOUNT_A, ACCOUNT_B);
	}

	private void seed(AccountId a, AccountId b) {
		this.accountService.create(a, "demoiaas@example.com", this.rootPassword);
		this.accountService.create(b, "iaas.dev4@example.com", this.rootPassword);
		CreatedSecret sa = this.serviceAccounts.create(b, ServiceAccountLifecycle.newServiceAccountId(),
				SERVICE_ACCOUNT, "Lets principals of account A act in account B", List.of(ACCOUNT_A),
				List.of("vServerFullAccess"));
		this.users.create(a, "System1", this.userPassword);
		this.users.create(a, "Other", this.userPassword);
		this.policies.create(a,
				this.policies.parse(Map.of("name", "ImpersonateToRootUserAccountB", "description",
						"Impersonate the service account of account B", "statements",
						List.of(Map.of("effect", "Allow", "actions", List.of("iam:ImpersonateServiceAccount"),
								"resources", List.of(sa.serviceAccount().principal().crn().toString()))))));
		this.users.attach(a, "System1", "ImpersonateToRootUserAccountB");
		log.info("Demo world seeded: service account {} of account {} trusts account {}", sa.serviceAccount().id(),
				ACCOUNT_B, ACCOUNT_A);
	}

}
