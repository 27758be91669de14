package org.tessera.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories only the server's own user may read: the data directory (0700)
 * and the key files in it (0600). On a file system without POSIX permissions the calls do
 * nothing beyond creating, and the directory's own access control is what protects the
 * files.
 */
public final class OwnerOnlyFiles {

	/** rw------- */
	public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	/** rwx------ */
	public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

	private OwnerOnlyFiles() {
	}

	/**
	 * Creates {@code directory} and its missing parents, and makes {@code directory}
	 * itself 0700.
	 */
	public static void directory(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			try {
				Files.createDirectories(directory, asAttribute(DIRECTORY));
			}
			catch (UnsupportedOperationException ex) {
				Files.createDirectories(directory);
			}
		}
		restrict(directory, DIRECTORY);
	}

	/**
	 * Writes a new file with {@code content} that is 0600 from its first byte: written to
	 * a temporary file in the same directory and moved into place atomically, so no
	 * reader ever sees it half-written or with wider permissions.
	 */
	public static void create(Path file, String content) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		directory(directory);
		Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
		try {
			restrict(temporary, FILE);
			Files.writeString(temporary, content);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Makes every file under {@code directory} 0600 and every directory 0700,
	 * {@code directory} included. Files that disappear while this runs (an H2 temporary
	 * file) are skipped.
	 */
	public static void restrictTree(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				restrict(path, Files.isDirectory(path) ? DIRECTORY : FILE);
			}
		}
		catch (UncheckedIOException ex) {
			if (!(ex.getCause() instanceof NoSuchFileException)) {
				throw ex.getCause();
			}
		}
	}

	/**
	 * The attributes that create a file 0600 on {@code file}'s file system, for
	 * {@code Files} and {@code FileChannel} calls.
	 */
	public static FileAttribute<?>[] fileAttributes(Path file) {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] { asAttribute(FILE) };
		}
		return new FileAttribute<?>[0];
	}

	/**
	 * Sets {@code permissions}; a path that is gone is skipped, and one the server's user
	 * may not change (another user owns it) is logged, not fatal: the directory above
	 * still protects it.
	 */
	private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, permissions);
		}
		catch (UnsupportedOperationException | NoSuchFileException ex) {
			// not a POSIX file system, or gone since it was listed
		}
		catch (FileSystemException ex) {
			log.warn("Cannot make {} readable by the server's user only ({}): make its owner the server's user", path,
					ex.getReason());
		}
	}

	private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> permissions) {
		return PosixFilePermissions.asFileAttribute(permissions);
	}

}
