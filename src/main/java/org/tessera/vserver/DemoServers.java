package org.tessera.vserver;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.tessera.vserver.servers.ServerStore;

/**
 * The {@code demo} profile of vServer: a few servers in the demo accounts at start-up
 * (the store is in memory), listed in {@code vserver-demo.properties} as
 * {@code account:name} pairs.
 */
@Component
@Profile("demo")
class DemoServers implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoServers.class);

	private final ServerStore store;

	private final List<String> servers;

	DemoServers(ServerStore store, @Value("${tessera.vserver.demo.servers}") List<String> servers) {
		this.store = store;
		this.servers = servers;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (String entry : this.servers) {
			String[] parts = entry.split(":", 2);
			log.info("Demo server {} in account {}", this.store.create(parts[0], parts[1]).id(), parts[0]);
		}
	}

}
