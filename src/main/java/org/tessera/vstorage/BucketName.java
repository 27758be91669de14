package org.tessera.vstorage;

/**
 * S3's bucket naming rules: 3 to 63 characters of lowercase letters, digits, dots and
 * hyphens, beginning and ending with a letter or digit, no two adjacent dots, and not
 * shaped like an IP address. A valid name is also a safe directory name.
 */
final class BucketName {

	private BucketName() {
	}

	/**
	 * @throws S3Exception InvalidBucketName when the name breaks a rule
	 */
	static void check(String name) {
		if (!isValid(name)) {
			throw new S3Exception("InvalidBucketName", 400, "The specified bucket is not valid.");
		}
	}

	static boolean isValid(String name) {
		if (name.length() < 3 || name.length() > 63 || !isAlphanumeric(name.charAt(0))
				|| !isAlphanumeric(name.charAt(name.length() - 1)) || name.contains("..")) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!isAlphanumeric(c) && c != '.' && c != '-') {
				return false;
			}
		}
		return !name.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	private static boolean isAlphanumeric(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

}
