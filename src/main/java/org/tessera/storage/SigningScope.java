package org.tessera.storage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.tessera.iam.InvalidRequestException;

/**
 * The credential scope of a Signature Version 4 request ({@code 20261207/us-east-1/s3}),
 * checked before anything is derived for it: a real date no further than a day from today
 * in UTC (a request signed on either side of midnight still verifies, a key for next
 * month cannot be had), and a region and service of lowercase letters, digits and
 * hyphens.
 */
record SigningScope(String date, String region, String service) {

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

	private static final Pattern DIGITS = Pattern.compile("[0-9]{8}");

	static SigningScope of(String date, String region, String service, Clock clock) {
		if (date == null || !DIGITS.matcher(date).matches()) {
			throw new InvalidRequestException("date", "must be a date as yyyyMMdd");
		}
		LocalDate day;
		try {
			day = LocalDate.parse(date, DATE);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException("date", "must be a date as yyyyMMdd");
		}
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		if (day.isBefore(today.minusDays(1)) || day.isAfter(today.plusDays(1))) {
			throw new InvalidRequestException("date", "must be within a day of today (UTC)");
		}
		if (region == null || !NAME.matcher(region).matches()) {
			throw new InvalidRequestException("region", "must be 1 to 32 lowercase letters, digits or hyphens");
		}
		if (service == null || !NAME.matcher(service).matches()) {
			throw new InvalidRequestException("service", "must be 1 to 32 lowercase letters, digits or hyphens");
		}
		return new SigningScope(date, region, service);
	}

}
