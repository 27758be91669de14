package org.tessera.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Keeps every log line of the test run (message and stack trace, as written) in memory,
 * for the scan for leaked secrets; configured in {@code logback-test.xml}. Bounded, so a
 * noisy run cannot exhaust memory; the count of dropped lines is kept.
 */
public final class CapturingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	private static final int MAX_LINES = 500_000;

	private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

	private static final AtomicInteger COUNT = new AtomicInteger();

	private static final AtomicInteger DROPPED = new AtomicInteger();

	/**
	 * Every line kept so far, in the order logged: a later call's list starts with an
	 * earlier call's.
	 */
	public static List<String> lines() {
		return List.copyOf(LINES);
	}

	public static int dropped() {
		return DROPPED.get();
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (COUNT.incrementAndGet() > MAX_LINES) {
			DROPPED.incrementAndGet();
			return;
		}
		StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
		IThrowableProxy thrown = event.getThrowableProxy();
		if (thrown != null) {
			line.append('\n').append(ThrowableProxyUtil.asString(thrown));
		}
		LINES.add(line.toString());
	}

}
