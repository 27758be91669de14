package org.tessera.vserver;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

/**
 * A vServer on a free port for the tests of one class, trusting the issuer it is given
 * (the authorization server of {@link IntegrationTest}); register it as a static
 * {@code @RegisterExtension} field.
 */
public final class VServerBesideTessera implements BeforeAllCallback, AfterAllCallback {

	private final Supplier<String> issuer;

	private final int port = IntegrationTest.freePort();

	private final Http http = new Http("http://localhost:" + this.port);

	private ConfigurableApplicationContext context;

	private final String[] arguments;

	public VServerBesideTessera(Supplier<String> issuer, String... arguments) {
		this.issuer = issuer;
		this.arguments = arguments;
	}

	@Override
	public void beforeAll(ExtensionContext extension) {
		String[] arguments = java.util.Arrays.copyOf(this.arguments, this.arguments.length + 2);
		arguments[this.arguments.length] = "--server.port=" + this.port;
		arguments[this.arguments.length + 1] = "--tessera.vserver.issuer=" + this.issuer.get();
		this.context = VServerApplication.start(arguments);
	}

	@Override
	public void afterAll(ExtensionContext extension) {
		if (this.context != null) {
			this.context.close();
		}
	}

	/** The running vServer's context. */
	ConfigurableApplicationContext context() {
		return this.context;
	}

	/** A client of this vServer, usable once the tests of the class run. */
	public Http http() {
		return this.http;
	}

}
