package org.tessera.accountpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V8 removes, once, the attachments the old services could leave behind (of a
 * user or an account policy deleted while being attached), and keeps every other
 * attachment.
 */
class OrphanAttachmentMigrationTests {

	private static final String ACCOUNT = "100000000001";

	private final DataSource database = new DriverManagerDataSource(
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private final JdbcClient jdbc = JdbcClient.create(this.database);

	@Test
	void attachmentsOfAGoneUserServiceAccountOrPolicyAreRemovedAndTheOthersKeptEvenOfADeletedServiceAccount() {
		migrateTo("7");
		this.jdbc.sql("INSERT INTO account VALUES (?, 'a@example.test', 'a@example.test', 'x', CURRENT_TIMESTAMP)")
			.param(ACCOUNT)
			.update();
		this.jdbc.sql("INSERT INTO iam_user VALUES (?, 'Alice', 'alice', 'x', CURRENT_TIMESTAMP)")
			.param(ACCOUNT)
			.update();
		this.jdbc.sql("""
				INSERT INTO account_policy (account_id, name, name_key, description, statements, created_at, updated_at)
				VALUES (?, 'Kept', 'kept', '', '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""").param(ACCOUNT).update();
		this.jdbc
			.sql("""
					INSERT INTO service_account (id, account_id, name, live_name_key, description, enabled, deleted_at, created_at)
					VALUES ('sa-live', ?, 'live', 'live', '', TRUE, NULL, CURRENT_TIMESTAMP),
					       ('sa-deleted', ?, 'gone', NULL, '', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
			.params(ACCOUNT, ACCOUNT)
			.update();
		attach("user", "alice", "kept");
		attach("service-account", "sa-live", "kept");
		attach("service-account", "sa-deleted", "vserverfullaccess");
		attach("user", "alice", "iamfullaccess");
		attach("user", "alice", "deletedpolicy");
		attach("user", "deleteduser", "kept");
		attach("service-account", "sa-purged", "kept");

		migrateTo("8");

		assertThat(this.jdbc
			.sql("SELECT principal_type || ' ' || principal_key || ' ' || policy_key FROM policy_attachment")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("user alice kept", "user alice iamfullaccess",
					"service-account sa-live kept", "service-account sa-deleted vserverfullaccess");
	}

	private void attach(String type, String principal, String policy) {
		this.jdbc.sql("INSERT INTO policy_attachment VALUES (?, ?, ?, ?)")
			.params(ACCOUNT, type, principal, policy)
			.update();
	}

	private void migrateTo(String version) {
		Flyway.configure()
			.dataSource(this.database)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.target(version)
			.load()
			.migrate();
	}

}
