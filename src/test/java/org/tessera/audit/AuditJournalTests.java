package org.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.audit.AuditJournal.Segment;

/**
 * The audit journal's files: what is appended reads back whole, a group of events goes to
 * the segment open at the time, a failed write gives its segment up for a new one, an
 * interrupted caller does not break the journal, and reading stops at a record a crash
 * cut short or a damaged one, keeping every record before it.
 */
class AuditJournalTests {

	private static final RecordedEvent FULL = new RecordedEvent(
			new AuditEvent(0, Instant.parse("2026-11-30T14:00:00.123456789Z"), "ImpersonateServiceAccount",
					AuditEvent.DENIED, "account_not_trusted", "crn:iam:12345:user/alice", "12345",
					List.of("crn:iam:23456:service-account/sa-a", "crn:iam:34567:user/bob"),
					"crn:iam:45678:service-account/sa-b", "45678", "sa-client"),
			new CallerView("not_permitted_or_not_found", "sa-b"));

	private static final RecordedEvent SPARSE = RecordedEvent
		.of(new AuditEvent(0, Instant.parse("2026-11-30T14:00:01Z"), "ImpersonateServiceAccount", AuditEvent.DENIED,
				"actor_token_invalid", null, null, List.of(), "b\u00e4d", null, null));

	@TempDir
	Path dir;

	@Test
	void appendedEventsReadBackWholeIncludingNullsTheActorChainAndTheCallerView() {
		List<Segment> sealed;
		try (AuditJournal journal = new AuditJournal(this.dir, 0)) {
			journal.append(List.of(FULL, SPARSE));
			journal.append(List.of(FULL));
			sealed = journal.seal();
		}

		assertThat(sealed).hasSize(1);
		assertThat(AuditJournal.read(sealed.get(0))).containsExactly(FULL, SPARSE, FULL);
	}

	@Test
	void sealingStartsTheNextSegmentAndANewJournalNumbersAfterWhatItFinds() {
		Segment first;
		Segment second;
		try (AuditJournal journal = new AuditJournal(this.dir, 7)) {
			assertThat(journal.seal()).as("nothing written, nothing to seal").isEmpty();
			journal.append(List.of(FULL));
			first = journal.seal().get(0);
			journal.append(List.of(SPARSE));
			second = journal.seal().get(0);
		}
		assertThat(first.number()).isEqualTo(8);
		assertThat(second.number()).isEqualTo(9);
		assertThat(AuditJournal.read(first)).containsExactly(FULL);
		assertThat(AuditJournal.read(second)).containsExactly(SPARSE);
		assertThat(AuditJournal.sealed(this.dir)).containsExactly(first, second);

		try (AuditJournal reopened = new AuditJournal(this.dir, 3)) {
			reopened.append(List.of(FULL));
			assertThat(reopened.seal()).extracting(Segment::number).containsExactly(10L);
		}
	}

	@Test
	void readingStopsAtARecordCutShortAndKeepsTheOnesBefore() throws IOException {
		Segment segment = segmentOf(List.of(FULL, SPARSE, FULL));
		long size = Files.size(segment.file());
		try (FileChannel file = FileChannel.open(segment.file(), StandardOpenOption.WRITE)) {
			file.truncate(size - 3);
		}

		assertThat(AuditJournal.read(segment)).containsExactly(FULL, SPARSE);
	}

	@Test
	void readingStopsAtADamagedRecordAndKeepsTheOnesBefore() throws IOException {
		Segment segment;
		long firstRecordEnd;
		try (AuditJournal journal = new AuditJournal(this.dir, 0)) {
			journal.append(List.of(FULL));
			firstRecordEnd = Files.size(AuditJournal.sealed(this.dir).get(0).file());
			journal.append(List.of(SPARSE, FULL));
			segment = journal.seal().get(0);
		}
		byte[] bytes = Files.readAllBytes(segment.file());
		bytes[(int) firstRecordEnd + 20] ^= 0x01;
		Files.write(segment.file(), bytes);

		assertThat(AuditJournal.read(segment)).containsExactly(FULL);
	}

	@Test
	void anInterruptedCallersGroupIsWrittenAndTheJournalKeepsWorking() {
		List<Segment> sealed;
		try (AuditJournal journal = new AuditJournal(this.dir, 0)) {
			Thread.currentThread().interrupt();
			journal.append(List.of(FULL));
			assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
			journal.append(List.of(SPARSE));
			sealed = journal.seal();
		}

		assertThat(sealed).hasSize(1);
		assertThat(AuditJournal.read(sealed.get(0))).containsExactly(FULL, SPARSE);
	}

	@Test
	void aGroupThatCannotBeWrittenFailsAndTheNextGoesToANewSegment() throws IOException {
		List<Segment> sealed;
		try (AuditJournal journal = new AuditJournal(this.dir, 0)) {
			Files.delete(this.dir);
			assertThatThrownBy(() -> journal.append(List.of(FULL))).isInstanceOf(UncheckedIOException.class);
			Files.createDirectories(this.dir);
			journal.append(List.of(SPARSE));
			sealed = journal.seal();
		}

		assertThat(sealed).extracting(Segment::number).containsExactly(1L, 2L);
		assertThat(AuditJournal.read(sealed.get(0))).isEmpty();
		assertThat(AuditJournal.read(sealed.get(1))).containsExactly(SPARSE);
	}

	@Test
	void aRecordWrittenBeforeCallerViewsExistedReadsBackWithout() throws IOException {
		Segment segment = segmentOf(List.of(SPARSE));
		byte[] written = Files.readAllBytes(segment.file());
		// the same record as the first release wrote it: without the last byte, the
		// caller view's absence
		int length = ByteBuffer.wrap(written).getInt() - 1;
		byte[] record = Arrays.copyOfRange(written, 4, 4 + length);
		CRC32C crc = new CRC32C();
		crc.update(record);
		Files.write(segment.file(),
				ByteBuffer.allocate(8 + length).putInt(length).put(record).putInt((int) crc.getValue()).array());

		assertThat(AuditJournal.read(segment)).containsExactly(SPARSE);
	}

	private Segment segmentOf(List<RecordedEvent> events) {
		try (AuditJournal journal = new AuditJournal(this.dir, 0)) {
			journal.append(events);
			return journal.seal().get(0);
		}
	}

}
