import com.nimbusds.jose.*; import com.nimbusds.jose.crypto.*; import com.nimbusds.jose.util.JSONObjectUtils; import com.nimbusds.jwt.*;
import java.net.URI; import java.net.http.*; import java.nio.file.*; import java.security.*; import java.security.interfaces.ECPrivateKey; import java.security.spec.PKCS8EncodedKeySpec; import java.util.*;

/** Gets a service account's token with the JWT-bearer grant from a key file: java -cp nimbus-jose-jwt.jar KeyFileToken.java key.json */
public class KeyFileToken {
	public static void main(String[] args) throws Exception {
		Map<String, Object> file = JSONObjectUtils.parse(Files.readString(Path.of(args[0])));
		String clientId = (String) file.get("clientId"), tokenUri = (String) file.get("tokenUri");
		JWSAlgorithm alg = JWSAlgorithm.parse((String) file.get("algorithm"));
		byte[] der = Base64.getMimeDecoder().decode(((String) file.get("privateKeyPem")).replaceAll("-----[A-Z ]+-----", ""));
		PrivateKey key = KeyFactory.getInstance(alg.equals(JWSAlgorithm.ES256) ? "EC" : "RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		Date now = new Date();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID((String) file.get("keyId")).build(), new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
			.audience(tokenUri).issueTime(now).expirationTime(new Date(now.getTime() + 300_000)).jwtID(UUID.randomUUID().toString()).build());
		jwt.sign((key instanceof ECPrivateKey ec) ? new ECDSASigner(ec) : new RSASSASigner(key));
		HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + jwt.serialize())).build();
		System.out.println(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
	}
}
