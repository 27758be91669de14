package org.tessera.vstorage;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of a bucket's listing as S3 computes it: the keys after {@code marker} that
 * begin with {@code prefix}, where keys sharing the part up to the first
 * {@code delimiter} after the prefix are rolled up into one common prefix; keys and
 * common prefixes together count against {@code maxKeys}.
 *
 * @param objects the objects on this page, in key order
 * @param commonPrefixes the common prefixes on this page, in order
 * @param truncated whether entries follow this page
 * @param last the last key or common prefix of this page, where the next page starts
 * after; null when the page is empty
 */
record ObjectListing(List<StoredObject> objects, List<String> commonPrefixes, boolean truncated, String last) {

	ObjectListing {
		objects = List.copyOf(objects);
		commonPrefixes = List.copyOf(commonPrefixes);
	}

	/**
	 * @param all every object of the bucket in key order
	 * @param marker the key or common prefix the page starts after, or null
	 * @param delimiter null or empty for none
	 */
	static ObjectListing page(List<StoredObject> all, String prefix, String delimiter, String marker, int maxKeys) {
		String from = (prefix == null) ? "" : prefix;
		boolean rollUp = delimiter != null && !delimiter.isEmpty();
		List<StoredObject> objects = new ArrayList<>();
		List<String> prefixes = new ArrayList<>();
		String last = null;
		for (StoredObject object : all) {
			String key = object.key();
			if (!key.startsWith(from) || (marker != null && compareKeys(key, marker) <= 0)) {
				continue;
			}
			String common = null;
			if (rollUp) {
				int at = key.indexOf(delimiter, from.length());
				if (at >= 0) {
					common = key.substring(0, at + delimiter.length());
				}
			}
			if (common != null && (common.equals(last) || (marker != null && marker.startsWith(common)))) {
				continue;
			}
			if (objects.size() + prefixes.size() >= maxKeys) {
				return new ObjectListing(objects, prefixes, true, last);
			}
			if (common != null) {
				prefixes.add(common);
				last = common;
			}
			else {
				objects.add(object);
				last = key;
			}
		}
		return new ObjectListing(objects, prefixes, false, last);
	}

	/** S3's key order: by UTF-8 bytes, that is by code points. */
	static int compareKeys(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
