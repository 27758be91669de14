package org.tessera.vserver;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /vserver/v1/health}: no token needed, answers {@code {"status":"UP"}} while
 * vServer serves requests.
 */
@RestController
public class HealthController {

	@GetMapping(path = "/vserver/v1/health", produces = "application/json")
	public Map<String, String> health() {
		return Map.of("status", "UP");
	}

}
