package org.tessera.enforcement.example;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.enforcement.TesseraPolicyAuthorizer;

/**
 * The complete resource server of the resource-server guide: one action, enforced with
 * the enforcement artifact.
 */
@SpringBootApplication
@RestController
public class ReportsApplication {

	private final TesseraPolicyAuthorizer authorizer;

	ReportsApplication(TesseraPolicyAuthorizer authorizer) {
		this.authorizer = authorizer;
	}

	public static void main(String[] args) {
		SpringApplication.run(ReportsApplication.class, args);
	}

	@PostMapping("/reports/v1/accounts/{acct}/reports/{id}/publish")
	Map<String, String> publish(@AuthenticationPrincipal Jwt jwt, @PathVariable String acct, @PathVariable String id) {
		this.authorizer.require(jwt, "reports:PublishReport", "crn:reports:" + acct + ":report/" + id);
		return Map.of("report", id, "state", "published");
	}

}
