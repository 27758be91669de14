package org.tessera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tessera.crypto.OwnerOnlyFiles;

/**
 * Keeps {@code tessera.data-dir} (database, audit journal, pepper, key-encryption key)
 * readable by the server's own user only: the directory 0700, every file in it 0600.
 * {@link BeforeAnyBean} creates the directory before H2 writes into it. H2 creates its
 * files with the process umask, so when the server is ready, and every minute after (H2
 * writes {@code .trace.db} files at any time), every file in the directory is made 0600
 * again; until then the directory's 0700 protects them.
 */
@Component
public class DataDirectory {

	private final Path directory;

	public DataDirectory(TesseraProperties properties) {
		this.directory = properties.dataDir();
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	public void restrict() {
		try {
			OwnerOnlyFiles.restrictTree(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot restrict the permissions of the files in " + this.directory, ex);
		}
	}

	/**
	 * Creates the data directory 0700, and makes the files an older version left in it
	 * 0600, before any bean, the datasource included, is made: a bean factory
	 * post-processor runs before them all.
	 */
	@Component
	public static class BeforeAnyBean implements BeanFactoryPostProcessor, EnvironmentAware {

		private Path directory = Path.of("./data");

		@Override
		public void setEnvironment(Environment environment) {
			this.directory = Binder.get(environment).bind("tessera.data-dir", Path.class).orElse(this.directory);
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			try {
				OwnerOnlyFiles.directory(this.directory);
				OwnerOnlyFiles.restrictTree(this.directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(
						"cannot create the data directory " + this.directory + " with owner-only permissions", ex);
			}
		}

	}

}
