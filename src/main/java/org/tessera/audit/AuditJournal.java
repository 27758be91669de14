package org.tessera.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;
import org.tessera.crypto.OwnerOnlyFiles;

/**
 * Audit events written to disk but not yet loaded into the database, in numbered segment
 * files appended to one group of events at a time. Appending a group is one {@code write}
 * to the operating system, as durable as an H2 commit with {@code WRITE_DELAY=0}, and
 * much cheaper than inserting it into H2 (see
 * {@code src/site/markdown/decisions/0004-audit-journal-group-commit.md}). Each record
 * carries its length and a CRC32C, so reading stops at a record a crash cut short. Not
 * thread-safe: {@link AuditLog} appends and seals under its commit lock;
 * {@link AuditJournalLoader} reads sealed segments and deletes them.
 */
final class AuditJournal implements AutoCloseable {

	/**
	 * Far above the longest record: {@link AuditTables} truncates every text to at most
	 * 2,000 characters.
	 */
	private static final int MAX_RECORD = 1 << 20;

	private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{19})\\.journal");

	private final Path dir;

	private long segment;

	private @Nullable FileChannel current;

	private boolean written;

	/**
	 * Segments given up after a failed write, to be loaded up to their last whole record.
	 */
	private final List<Segment> abandoned = new ArrayList<>();

	/**
	 * @param dir where the segments live, created if missing
	 * @param after the highest segment number already used; the first segment appended to
	 * is the next
	 */
	AuditJournal(Path dir, long after) {
		this.dir = dir;
		this.segment = Math.max(after, sealed(dir).stream().mapToLong(Segment::number).max().orElse(0));
	}

	/** The segments in {@code dir}, oldest first. */
	static List<Segment> sealed(Path dir) {
		try {
			Files.createDirectories(dir);
			try (Stream<Path> files = Files.list(dir)) {
				return files.flatMap((file) -> {
					Matcher name = SEGMENT.matcher(file.getFileName().toString());
					return name.matches() ? Stream.of(new Segment(Long.parseLong(name.group(1)), file))
							: Stream.empty();
				}).sorted(Comparator.comparingLong(Segment::number)).toList();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the events at the end of the current segment, or of a new one. A caller's
	 * interrupt is held back during the write: a {@link FileChannel} closes itself when
	 * an interrupted thread uses it. If the write fails all the same, the segment is
	 * given up and the next group starts a new one, so a half-written group cannot hide
	 * the groups after it; reading the given-up segment stops at the torn record. (Whole
	 * records of the failed group before the tear are loaded too: the log then holds an
	 * event whose caller was told it failed, never the reverse.)
	 */
	void append(List<RecordedEvent> events) {
		ByteBuffer bytes = ByteBuffer.wrap(encode(events));
		boolean interrupted = Thread.interrupted();
		try {
			FileChannel channel = channel();
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			this.written = true;
		}
		catch (IOException ex) {
			closeCurrent();
			this.abandoned.add(new Segment(this.segment, file(this.segment)));
			this.written = false;
			throw new UncheckedIOException("the audit journal could not be written", ex);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Closes the current segment for loading, the next append starting a new one, and
	 * hands it over with any given up since the last call, oldest first.
	 */
	List<Segment> seal() {
		List<Segment> sealed = new ArrayList<>(this.abandoned);
		this.abandoned.clear();
		if (this.written) {
			closeCurrent();
			this.written = false;
			sealed.add(new Segment(this.segment, file(this.segment)));
		}
		return sealed;
	}

	/**
	 * The events of a segment, up to the first record that is cut short or damaged; none
	 * if it was never created.
	 */
	static List<RecordedEvent> read(Segment segment) {
		List<RecordedEvent> events = new ArrayList<>();
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(segment.file())))) {
			while (true) {
				int length = in.readInt();
				if (length < 0 || length > MAX_RECORD) {
					return events;
				}
				byte[] record = new byte[length];
				in.readFully(record);
				if (in.readInt() != crc(record)) {
					return events;
				}
				events.add(decode(record));
			}
		}
		catch (EOFException cutShort) {
			return events;
		}
		catch (NoSuchFileException neverWritten) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		closeCurrent();
	}

	private FileChannel channel() throws IOException {
		if (this.current == null) {
			if (!this.written) {
				this.segment++;
			}
			Path file = file(this.segment);
			this.current = FileChannel.open(file,
					Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
					OwnerOnlyFiles.fileAttributes(file));
		}
		return this.current;
	}

	private void closeCurrent() {
		if (this.current != null) {
			try {
				this.current.close();
			}
			catch (IOException ex) {
				// the data went out with each write; a failing close loses nothing
			}
			this.current = null;
		}
	}

	private Path file(long number) {
		return this.dir.resolve(String.format("segment-%019d.journal", number));
	}

	private static byte[] encode(List<RecordedEvent> events) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * events.size());
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			for (RecordedEvent event : events) {
				byte[] record = record(event);
				out.writeInt(record.length);
				out.write(record);
				out.writeInt(crc(record));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static byte[] record(RecordedEvent recorded) throws IOException {
		AuditEvent event = recorded.event();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeLong(event.time().getEpochSecond());
			out.writeInt(event.time().getNano());
			out.writeUTF(event.type());
			out.writeUTF(event.decision());
			out.writeUTF(event.reason());
			writeNullable(out, event.actor());
			writeNullable(out, event.actorAccount());
			out.writeUTF(String.join(" ", event.actorChain()));
			writeNullable(out, event.target());
			writeNullable(out, event.targetAccount());
			writeNullable(out, event.clientId());
			// added after the first release: a record that ends here was written before,
			// with no caller view
			CallerView view = recorded.callerView();
			out.writeBoolean(view != null);
			if (view != null) {
				out.writeUTF(view.reason());
				out.writeUTF(view.target());
			}
			// added later still: a record that ends here has no display name
			writeNullable(out, event.displayName());
		}
		return bytes.toByteArray();
	}

	private static RecordedEvent decode(byte[] record) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
		Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
		String type = in.readUTF();
		String decision = in.readUTF();
		String reason = in.readUTF();
		String actor = readNullable(in);
		String actorAccount = readNullable(in);
		String chain = in.readUTF();
		String target = readNullable(in);
		String targetAccount = readNullable(in);
		String clientId = readNullable(in);
		CallerView view = (in.available() > 0 && in.readBoolean()) ? new CallerView(in.readUTF(), in.readUTF()) : null;
		String displayName = (in.available() > 0) ? readNullable(in) : null;
		return new RecordedEvent(new AuditEvent(0, time, type, decision, reason, actor, actorAccount,
				chain.isEmpty() ? List.of() : Arrays.asList(chain.split(" ")), target, targetAccount, clientId,
				displayName), view);
	}

	private static void writeNullable(DataOutputStream out, @Nullable String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeUTF(value);
		}
	}

	private static @Nullable String readNullable(DataInputStream in) throws IOException {
		return in.readBoolean() ? in.readUTF() : null;
	}

	private static int crc(byte[] record) {
		CRC32C crc = new CRC32C();
		crc.update(record);
		return (int) crc.getValue();
	}

	/** A segment file and its number. */
	record Segment(long number, Path file) {
	}

}
