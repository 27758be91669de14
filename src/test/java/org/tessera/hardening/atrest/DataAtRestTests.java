package org.tessera.hardening.atrest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.tessera.hardening.atrest.DataDirs.Server;
import org.tessera.oauth.key.SigningKeys;
import org.tessera.support.Http;
import org.tessera.support.Tessera;
import org.tessera.support.Tessera.ServiceAccountCredentials;

/**
 * Whoever reads the data directory or a copy of it, without the key-encryption key and
 * the pepper, finds no private signing key, no client secret and no access-key secret in
 * it: neither while the server runs nor after it stopped. The directory and every file in
 * it are the server user's alone.
 */
class DataAtRestTests {

	@Test
	void theDataDirectoryHoldsNeitherTheSigningKeyNorAnyClientOrAccessKeySecretNorAGeneratedPrivateKey()
			throws Exception {
		Path data = DataDirs.fresh();
		List<String> secrets = new ArrayList<>();
		ECKey signing;
		String saId;
		byte[] generatedPrivateKey;
		try (Server server = DataDirs.start(data)) {
			signing = (ECKey) server.context().getBean(SigningKeys.class).activeKey();
			Tessera tessera = new Tessera(server.issuer());
			String account = tessera.signUp();
			String root = tessera.loginRoot(account);
			ServiceAccountCredentials sa = tessera.createServiceAccount(account, root, "Vault", List.of(), List.of());
			saId = sa.id();
			secrets.add(sa.secret());
			String base = "/iam/v1/accounts/" + account + "/service-accounts/" + saId;
			Http.Response second = tessera.http().post(base + "/secrets", root, Map.of());
			assertThat(second.status()).as(second.toString()).isEqualTo(201);
			secrets.add(second.json().get("clientSecret").asString());
			Http.Response key = tessera.http().post(base + "/keys", root, Map.of());
			assertThat(key.status()).as(key.toString()).isEqualTo(201);
			generatedPrivateKey = pkcs8(key.json().get("privateKeyPem").asString());
			Http.Response accessKey = tessera.http().post(base + "/access-keys", root, Map.of());
			assertThat(accessKey.status()).as(accessKey.toString()).isEqualTo(201);
			secrets.add(accessKey.json().get("secretAccessKey").asString());
			assertThat(tessera.serviceAccountToken(sa)).isNotBlank();

			assertNothingSecretIn(data, signing, secrets, generatedPrivateKey, saId);
		}
		assertNothingSecretIn(data, signing, secrets, generatedPrivateKey, saId);
	}

	@Test
	void theDataDirectoryIsTheServerUsersAloneAndSoIsEveryFileInIt() throws Exception {
		Path data = DataDirs.fresh();
		try (Server server = DataDirs.start(data)) {
			Tessera tessera = new Tessera(server.issuer());
			String account = tessera.signUp();
			tessera.createServiceAccount(account, tessera.loginRoot(account), "Private", List.of(), List.of());

			assertThat(permissions(data)).isEqualTo("rwx------");
			List<Path> paths;
			try (Stream<Path> walk = Files.walk(data)) {
				paths = walk.filter((path) -> !path.equals(data)).toList();
			}
			assertThat(paths).extracting((path) -> path.getFileName().toString())
				.contains("tessera.mv.db", "key-encryption.key", "secret-pepper.key");
			for (Path path : paths) {
				boolean directory = Files.isDirectory(path);
				String permissions;
				try {
					permissions = permissions(path);
				}
				catch (NoSuchFileException ex) {
					continue; // an audit journal segment drained into the database since
								// the walk
				}
				assertThat(permissions).as(path.toString()).isEqualTo(directory ? "rwx------" : "rw-------");
			}
		}
	}

	private static void assertNothingSecretIn(Path data, ECKey signing, List<String> secrets,
			byte[] generatedPrivateKey, String saId) {
		assertThat(DataDirs.filesContaining(data, saId)).as("positive control: the client id is stored").isNotEmpty();
		assertThat(DataDirs.filesContaining(data, signing.getD().toString())).as("the signing key's d, base64url")
			.isEmpty();
		assertThat(DataDirs.filesContaining(data, signing.getD().decode())).as("the signing key's d, raw").isEmpty();
		for (String secret : secrets) {
			assertThat(DataDirs.filesContaining(data, secret)).as("a client secret").isEmpty();
		}
		assertThat(DataDirs.filesContaining(data, generatedPrivateKey)).as("a generated private key, PKCS#8").isEmpty();
	}

	private static byte[] pkcs8(String pem) {
		return Base64.getMimeDecoder()
			.decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
	}

	private static String permissions(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
