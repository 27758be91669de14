package org.tessera.vstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Buckets and objects on local disk, one directory per account and bucket:
 * {@code <data>/<account>/<bucket>/objects/<sha256(key)>.meta} holds an object's key and
 * metadata and names its data file {@code <sha256(key)>.<uuid>.data}, so that no key is
 * ever a file name. An object is written to {@code tmp/}, forced to disk and moved into
 * place atomically, then its metadata file is replaced atomically, which is the commit: a
 * crash leaves the old object or the new one, never a part, at worst an orphaned data
 * file. A body is read to its end before anything is committed, so a body that fails its
 * signature or checksum checks there is never kept. Thread-safe; writers of one key take
 * one of 64 locks.
 */
class BucketStore {

	private static final String BUCKET_FILE = "bucket.properties";

	private static final String OBJECTS = "objects";

	private static final String TMP = "tmp";

	private static final String META = ".meta";

	private final Path root;

	private final long maxObjectBytes;

	private final ReentrantLock[] locks = new ReentrantLock[64];

	BucketStore(Path root, long maxObjectBytes) {
		this.root = root.toAbsolutePath().normalize();
		this.maxObjectBytes = maxObjectBytes;
		for (int i = 0; i < this.locks.length; i++) {
			this.locks[i] = new ReentrantLock();
		}
		try {
			Files.createDirectories(this.root);
			// the objects are the accounts' data: the server user's alone, as Tessera's
			// data
			// directory is
			if (Files.getFileStore(this.root).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(this.root, PosixFilePermissions.fromString("rwx------"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the data directory " + this.root, ex);
		}
	}

	long maxObjectBytes() {
		return this.maxObjectBytes;
	}

	/** The account's buckets, by name. */
	List<Bucket> buckets(String account) throws IOException {
		Path directory = accountDirectory(account);
		List<Bucket> buckets = new ArrayList<>();
		if (!Files.isDirectory(directory)) {
			return buckets;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (BucketName.isValid(name)) {
					buckets.add(new Bucket(name, created(entry)));
				}
			}
		}
		buckets.sort((a, b) -> a.name().compareTo(b.name()));
		return buckets;
	}

	/**
	 * @throws S3Exception BucketAlreadyOwnedByYou when the account has it
	 */
	void createBucket(String account, String bucket) throws IOException {
		Path directory = bucketDirectory(account, bucket);
		Files.createDirectories(directory.getParent());
		try {
			Files.createDirectory(directory);
		}
		catch (FileAlreadyExistsException ex) {
			throw new S3Exception("BucketAlreadyOwnedByYou", 409,
					"Your previous request to create the named bucket succeeded and you already own it.");
		}
		Files.createDirectories(directory.resolve(OBJECTS));
		Files.createDirectories(directory.resolve(TMP));
		Properties properties = new Properties();
		properties.setProperty("created", Instant.now().toString());
		writeAtomically(directory, directory.resolve(BUCKET_FILE), properties);
	}

	/**
	 * @throws S3Exception NoSuchBucket, or BucketNotEmpty while it holds an object
	 */
	void deleteBucket(String account, String bucket) throws IOException {
		Path directory = requireBucket(account, bucket);
		if (hasObjects(directory)) {
			throw new S3Exception("BucketNotEmpty", 409, "The bucket you tried to delete is not empty");
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				try {
					Files.deleteIfExists(file);
				}
				catch (DirectoryNotEmptyException ex) {
					throw new S3Exception("BucketNotEmpty", 409, "The bucket you tried to delete is not empty");
				}
			}
		}
	}

	/**
	 * @throws S3Exception NoSuchBucket when the account lacks it
	 */
	Path requireBucket(String account, String bucket) {
		Path directory = bucketDirectory(account, bucket);
		if (!Files.isDirectory(directory)) {
			throw S3Exception.noSuchBucket();
		}
		return directory;
	}

	/**
	 * Stores the body as the object {@code key}, replacing any; the body is read to its
	 * end (where its signature checks run) before the object is committed.
	 * @param contentMd5 the base64 Content-MD5 header, or null
	 * @throws S3Exception NoSuchBucket, EntityTooLarge or BadDigest
	 */
	StoredObject put(String account, String bucket, String key, InputStream body, String contentType,
			Map<String, String> metadata, String contentMd5) throws IOException {
		Path directory = requireBucket(account, bucket);
		Path tmp = directory.resolve(TMP);
		Files.createDirectories(tmp);
		Path temporary = tmp.resolve(UUID.randomUUID() + ".part");
		try {
			MessageDigest md5 = md5();
			long size = copy(body, temporary, md5);
			byte[] digest = md5.digest();
			if (contentMd5 != null && !java.util.Arrays.equals(decodeMd5(contentMd5), digest)) {
				throw new S3Exception("BadDigest", 400,
						"The Content-MD5 you specified did not match what we received.");
			}
			String name = hash(key);
			String dataFile = name + "." + UUID.randomUUID() + ".data";
			Path objects = directory.resolve(OBJECTS);
			move(temporary, objects.resolve(dataFile));
			StoredObject object = new StoredObject(key, size, "\"" + HexFormat.of().formatHex(digest) + "\"",
					contentType, Instant.now(), metadata);
			ReentrantLock lock = lockOf(name);
			lock.lock();
			try {
				Optional<Properties> previous = readProperties(objects.resolve(name + META));
				writeAtomically(directory, objects.resolve(name + META), properties(object, dataFile));
				if (previous.isPresent()) {
					deleteData(objects, previous.get());
				}
			}
			finally {
				lock.unlock();
			}
			return object;
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** The object and its data file, or empty when it does not exist. */
	Optional<ObjectFile> find(String account, String bucket, String key) throws IOException {
		Path objects = requireBucket(account, bucket).resolve(OBJECTS);
		String name = hash(key);
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<Properties> properties = readProperties(objects.resolve(name + META));
			if (properties.isEmpty()) {
				return Optional.empty();
			}
			Path data = objects.resolve(properties.get().getProperty("data"));
			if (Files.exists(data)) {
				return Optional.of(new ObjectFile(object(properties.get()), data));
			}
		}
		return Optional.empty();
	}

	/** Deletes the object if it exists. */
	void delete(String account, String bucket, String key) throws IOException {
		Path objects = requireBucket(account, bucket).resolve(OBJECTS);
		String name = hash(key);
		ReentrantLock lock = lockOf(name);
		lock.lock();
		try {
			Optional<Properties> properties = readProperties(objects.resolve(name + META));
			Files.deleteIfExists(objects.resolve(name + META));
			if (properties.isPresent()) {
				deleteData(objects, properties.get());
			}
		}
		finally {
			lock.unlock();
		}
	}

	/** Every object of the bucket, in S3's key order (UTF-8 bytes). */
	List<StoredObject> objects(String account, String bucket) throws IOException {
		Path objects = requireBucket(account, bucket).resolve(OBJECTS);
		List<StoredObject> found = new ArrayList<>();
		if (!Files.isDirectory(objects)) {
			return found;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(objects, "*" + META)) {
			for (Path entry : entries) {
				readProperties(entry).ifPresent((properties) -> found.add(object(properties)));
			}
		}
		found.sort((a, b) -> ObjectListing.compareKeys(a.key(), b.key()));
		return found;
	}

	private boolean hasObjects(Path directory) throws IOException {
		Path objects = directory.resolve(OBJECTS);
		if (!Files.isDirectory(objects)) {
			return false;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(objects, "*" + META)) {
			return entries.iterator().hasNext();
		}
	}

	/** Copies at most the size limit, forcing the file to disk. */
	private long copy(InputStream body, Path target, MessageDigest md5) throws IOException {
		long size = 0;
		byte[] buffer = new byte[64 * 1024];
		try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
				OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
			int n;
			while ((n = body.read(buffer)) >= 0) {
				size += n;
				if (size > this.maxObjectBytes) {
					throw entityTooLarge();
				}
				md5.update(buffer, 0, n);
				out.write(buffer, 0, n);
			}
			out.flush();
			channel.force(true);
		}
		return size;
	}

	static S3Exception entityTooLarge() {
		return new S3Exception("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size");
	}

	private static void writeAtomically(Path bucketDirectory, Path target, Properties properties) throws IOException {
		Path tmp = bucketDirectory.resolve(TMP);
		Files.createDirectories(tmp);
		Path temporary = tmp.resolve(UUID.randomUUID() + ".meta");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
					Writer writer = java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8)) {
				properties.store(writer, null);
				writer.flush();
				channel.force(true);
			}
			move(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("the data directory must support atomic moves", ex);
		}
	}

	private static Optional<Properties> readProperties(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Properties properties = new Properties();
			properties.load(reader);
			return Optional.of(properties);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	private static void deleteData(Path objects, Properties properties) throws IOException {
		String data = properties.getProperty("data");
		if (data != null && !data.contains("/") && !data.contains("\\")) {
			Files.deleteIfExists(objects.resolve(data));
		}
	}

	private static Properties properties(StoredObject object, String dataFile) {
		Properties properties = new Properties();
		properties.setProperty("key", object.key());
		properties.setProperty("size", Long.toString(object.size()));
		properties.setProperty("etag", object.etag());
		properties.setProperty("content-type", object.contentType());
		properties.setProperty("last-modified", object.lastModified().toString());
		properties.setProperty("data", dataFile);
		object.metadata().forEach((name, value) -> properties.setProperty("meta." + name, value));
		return properties;
	}

	private static StoredObject object(Properties properties) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (String name : properties.stringPropertyNames()) {
			if (name.startsWith("meta.")) {
				metadata.put(name.substring("meta.".length()), properties.getProperty(name));
			}
		}
		return new StoredObject(properties.getProperty("key"), Long.parseLong(properties.getProperty("size")),
				properties.getProperty("etag"), properties.getProperty("content-type"),
				Instant.parse(properties.getProperty("last-modified")), metadata);
	}

	private static Instant created(Path bucketDirectory) throws IOException {
		Optional<Properties> properties = readProperties(bucketDirectory.resolve(BUCKET_FILE));
		if (properties.isPresent() && properties.get().getProperty("created") != null) {
			return Instant.parse(properties.get().getProperty("created"));
		}
		return Files.getLastModifiedTime(bucketDirectory).toInstant();
	}

	private Path accountDirectory(String account) {
		if (account.isEmpty() || !account.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException("an account id is digits");
		}
		return this.root.resolve(account);
	}

	private Path bucketDirectory(String account, String bucket) {
		BucketName.check(bucket);
		return accountDirectory(account).resolve(bucket);
	}

	private ReentrantLock lockOf(String name) {
		return this.locks[Math.floorMod(name.hashCode(), this.locks.length)];
	}

	private static byte[] decodeMd5(String base64) {
		try {
			byte[] md5 = java.util.Base64.getDecoder().decode(base64.strip());
			if (md5.length == 16) {
				return md5;
			}
		}
		catch (IllegalArgumentException ex) {
			// answered below
		}
		throw new S3Exception("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");
	}

	private static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has MD5", ex);
		}
	}

	/**
	 * An object and the file its bytes are in.
	 *
	 * @param object the object's metadata
	 * @param data the file with its bytes
	 */
	record ObjectFile(StoredObject object, Path data) {
	}

}
