package org.tessera;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Tessera authorization server: OAuth2 endpoints, login page and the {@code /iam/v1}
 * management API. The demo resource servers in {@code org.tessera.vserver} and
 * {@code org.tessera.vstorage} are separate applications and are left out of this one's
 * component scan, as is the resource servers' enforcement in
 * {@code org.tessera.enforcement}.
 */
@SpringBootApplication
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.tessera\\.(vserver|vstorage|enforcement)\\..*"))
@EnableConfigurationProperties(TesseraProperties.class)
@EnableScheduling
public class TesseraApplication {

	public static void main(String[] args) {
		SpringApplication.run(TesseraApplication.class, args);
	}

}
