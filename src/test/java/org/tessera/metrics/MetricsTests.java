package org.tessera.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * What an operator's Prometheus scrapes from the management port after tokens were issued
 * and refused and an impersonation was decided: each metric the operations page names.
 */
class MetricsTests extends IntegrationTest {

	@Autowired
	private Environment environment;

	@Test
	void prometheusShowsTokensByGrantRefusalsByReasonImpersonationsCachesAndThePool() {
		Tessera.Walkthrough world = this.tessera.walkthrough();
		this.tessera.serviceAccountToken(world.saOfB());
		this.tessera.serviceAccountToken(world.saOfB());
		assertThat(this.tessera.clientCredentials(world.saOfB().id(), "wrong").status()).isEqualTo(401);
		String system1 = this.tessera.login(world.accountA(), "System1", Tessera.PASSWORD);
		assertThat(this.tessera.impersonate(world.saOfB().id(), system1).status()).isEqualTo(200);

		Http management = new Http("http://127.0.0.1:" + this.environment.getProperty("local.management.port"));
		Http.Response scrape = management.exchange("GET", "/actuator/prometheus", null, "Accept", "text/plain");
		assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
		String metrics = scrape.body();

		assertThat(metrics).containsPattern(
				"tessera_token_requests_seconds_count\\{error=\"none\",grant_type=\"client_credentials\",outcome=\"issued\"\\} [1-9]")
			.containsPattern(
					"tessera_token_requests_seconds_count\\{error=\"invalid_client\",grant_type=\"client_credentials\",outcome=\"refused\"\\} [1-9]")
			.containsPattern(
					"tessera_token_requests_seconds_count\\{error=\"none\",grant_type=\"token-exchange\",outcome=\"issued\"\\} [1-9]")
			.contains("tessera_token_requests_seconds_bucket{")
			.containsPattern(
					"tessera_audit_events_total\\{decision=\"ALLOWED\",type=\"ImpersonateServiceAccount\"\\} [1-9]")
			.contains("tessera_throttle_refusals_total{budget=\"client authentication\"}")
			.containsPattern("cache_gets_total\\{cache=\"service-accounts\",.*result=\"hit\"\\} [1-9]")
			.contains("hikaricp_connections_active");
		assertThat(metrics).doesNotContain("http_server_requests");
		assertThat(this.tessera.http().get("/actuator/prometheus", null).status()).as("not on the server port")
			.isEqualTo(404);
	}

}
