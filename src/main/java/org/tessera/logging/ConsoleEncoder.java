package org.tessera.logging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console's encoder: Spring Boot's structured JSON when
 * {@code logging.structured.format.console} names a format ({@code ecs}, {@code gelf},
 * {@code logstash}), its usual pattern otherwise. Boot chooses between the two itself
 * only for the console appender it configures; Tessera's {@code logback-spring.xml}
 * defines its own (behind an asynchronous appender), and this encoder keeps the setting
 * working there.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

	private String pattern;

	private String structuredFormat;

	private Charset charset = StandardCharsets.UTF_8;

	private Encoder<ILoggingEvent> delegate;

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public void setStructuredFormat(String structuredFormat) {
		this.structuredFormat = structuredFormat;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	@Override
	public void start() {
		if (this.structuredFormat != null && !this.structuredFormat.isBlank()) {
			StructuredLogEncoder structured = new StructuredLogEncoder();
			structured.setContext(getContext());
			structured.setFormat(this.structuredFormat.trim());
			structured.setCharset(this.charset);
			structured.start();
			this.delegate = structured;
		}
		else {
			PatternLayoutEncoder patterned = new PatternLayoutEncoder();
			patterned.setContext(getContext());
			patterned.setPattern(this.pattern);
			patterned.setCharset(this.charset);
			patterned.start();
			this.delegate = patterned;
		}
		super.start();
	}

	@Override
	public void stop() {
		if (this.delegate != null) {
			this.delegate.stop();
		}
		super.stop();
	}

	@Override
	public byte[] headerBytes() {
		return this.delegate.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		return this.delegate.encode(event);
	}

	@Override
	public byte[] footerBytes() {
		return this.delegate.footerBytes();
	}

}
