package org.tessera.benchmark;

import java.time.Duration;

/** Sends one request over and over on a number of keep-alive connections for a while. */
interface LoadDriver {

	LoadResult run(LoadRequest request, int connections, Duration duration) throws Exception;

	String name();

	/** wrk from Debian's packages when installed, else the project's own Java driver. */
	static LoadDriver best() {
		return WrkDriver.available() ? new WrkDriver() : new JavaDriver();
	}

}
