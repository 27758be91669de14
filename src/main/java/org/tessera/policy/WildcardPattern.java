package org.tessera.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled wildcard pattern: {@code *} matches any sequence of characters (colons and
 * slashes included), {@code ?} exactly one character, every other character itself.
 *
 * <p>
 * Matching takes time linear in the text, whatever the pattern: the pattern is compiled
 * once into the pieces between its stars; the first piece must match at the start of the
 * text and the last one at its end, and each piece between is found at its leftmost place
 * after the previous one, which is always right for {@code *} and {@code ?} (a leftmost
 * place leaves the most text for the pieces after it). A piece of plain characters is
 * found by Knuth-Morris-Pratt, a piece holding {@code ?} by a bit-parallel Shift-And
 * search (one {@code long} per 64 pattern characters), so each text character is read a
 * bounded number of times per piece. Matching never allocates.
 */
final class WildcardPattern {

	/**
	 * The Shift-And state of the calling thread, so that matching a piece longer than 64
	 * characters allocates nothing.
	 */
	private static final ThreadLocal<long[]> SHIFT_AND_STATE = ThreadLocal.withInitial(() -> new long[8]);

	private final boolean ignoreAsciiCase;

	private final boolean matchesEverything;

	private final boolean hasStar;

	/** The piece before the first star, or the whole pattern when it has no star. */
	private final String head;

	/**
	 * The piece after the last star; empty when the pattern ends with a star or has none.
	 */
	private final String tail;

	private final Piece[] middle;

	/** The length of every text the pattern can match is at least this. */
	private final int minimumLength;

	private final long footprint;

	private WildcardPattern(String pattern, boolean ignoreAsciiCase) {
		this.ignoreAsciiCase = ignoreAsciiCase;
		this.matchesEverything = !pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*');
		int firstStar = pattern.indexOf('*');
		this.hasStar = firstStar >= 0;
		if (!this.hasStar) {
			this.head = pattern;
			this.tail = "";
			this.middle = new Piece[0];
		}
		else {
			int lastStar = pattern.lastIndexOf('*');
			this.head = pattern.substring(0, firstStar);
			this.tail = pattern.substring(lastStar + 1);
			this.middle = pieces(pattern.substring(firstStar + 1, Math.max(firstStar + 1, lastStar)));
		}
		int length = this.head.length() + this.tail.length();
		long bytes = 64 + stringBytes(this.head) + stringBytes(this.tail) + 16L + 8L * this.middle.length;
		for (Piece piece : this.middle) {
			length += piece.length();
			bytes += piece.footprint();
		}
		this.minimumLength = length;
		this.footprint = bytes;
	}

	/** A pattern whose literal characters must match exactly, as for resource names. */
	static WildcardPattern caseSensitive(String pattern) {
		return new WildcardPattern(pattern, false);
	}

	/**
	 * A pattern whose ASCII letters match either case, as for actions; the pattern is
	 * lower-cased once here.
	 */
	static WildcardPattern ignoringAsciiCase(String pattern) {
		StringBuilder folded = new StringBuilder(pattern.length());
		for (int i = 0; i < pattern.length(); i++) {
			folded.append(foldAscii(pattern.charAt(i)));
		}
		return new WildcardPattern(folded.toString(), true);
	}

	boolean matches(String text) {
		if (this.matchesEverything) {
			return true;
		}
		int length = text.length();
		if (!this.hasStar) {
			return length == this.head.length() && fixedAt(this.head, text, 0);
		}
		if (length < this.minimumLength) {
			return false;
		}
		int end = length - this.tail.length();
		if (!fixedAt(this.head, text, 0) || !fixedAt(this.tail, text, end)) {
			return false;
		}
		int from = this.head.length();
		for (Piece piece : this.middle) {
			from = piece.endOfFirst(text, from, end, this.ignoreAsciiCase);
			if (from < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * About how many bytes of heap the compiled pattern takes, for caches that are
	 * bounded by weight.
	 */
	long footprint() {
		return this.footprint;
	}

	/**
	 * Whether the piece matches the text at {@code offset}, {@code ?} matching any
	 * character; the text is long enough.
	 */
	private boolean fixedAt(String piece, String text, int offset) {
		for (int i = 0; i < piece.length(); i++) {
			char p = piece.charAt(i);
			if (p != '?' && p != fold(text.charAt(offset + i), this.ignoreAsciiCase)) {
				return false;
			}
		}
		return true;
	}

	/** The non-empty pieces of a text between stars; consecutive stars count as one. */
	private static Piece[] pieces(String between) {
		List<Piece> pieces = new ArrayList<>();
		for (String piece : between.split("\\*+")) {
			if (!piece.isEmpty()) {
				pieces.add(piece.indexOf('?') >= 0 ? new ShiftAndPiece(piece) : new LiteralPiece(piece));
			}
		}
		return pieces.toArray(Piece[]::new);
	}

	private static long stringBytes(String text) {
		return 40L + 2L * text.length();
	}

	private static char fold(char c, boolean ignoreAsciiCase) {
		return ignoreAsciiCase ? foldAscii(c) : c;
	}

	private static char foldAscii(char c) {
		return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
	}

	/** A piece between two stars, found at its leftmost place in a range of the text. */
	private interface Piece {

		int length();

		/**
		 * The end of the leftmost place in {@code text[from, to)} where the whole piece
		 * matches, or -1 if none; reads each character of the range a bounded number of
		 * times.
		 */
		int endOfFirst(String text, int from, int to, boolean ignoreAsciiCase);

		long footprint();

	}

	/**
	 * A piece without {@code ?}, found by Knuth-Morris-Pratt: at most two comparisons per
	 * text character, amortised.
	 */
	private static final class LiteralPiece implements Piece {

		private final char[] chars;

		/**
		 * {@code border[i]}: the length of the longest proper prefix of
		 * {@code chars[0..i]} that is also its suffix.
		 */
		private final int[] border;

		LiteralPiece(String piece) {
			this.chars = piece.toCharArray();
			this.border = new int[this.chars.length];
			int k = 0;
			for (int i = 1; i < this.chars.length; i++) {
				while (k > 0 && this.chars[i] != this.chars[k]) {
					k = this.border[k - 1];
				}
				if (this.chars[i] == this.chars[k]) {
					k++;
				}
				this.border[i] = k;
			}
		}

		@Override
		public int length() {
			return this.chars.length;
		}

		@Override
		public int endOfFirst(String text, int from, int to, boolean ignoreAsciiCase) {
			int matched = 0;
			for (int i = from; i < to && to - i >= this.chars.length - matched; i++) {
				char c = fold(text.charAt(i), ignoreAsciiCase);
				while (matched > 0 && this.chars[matched] != c) {
					matched = this.border[matched - 1];
				}
				if (this.chars[matched] == c) {
					matched++;
					if (matched == this.chars.length) {
						return i + 1;
					}
				}
			}
			return -1;
		}

		@Override
		public long footprint() {
			return 32 + 16 + 2L * this.chars.length + 16 + 4L * this.chars.length;
		}

	}

	/**
	 * A piece holding {@code ?}, found by Shift-And: bit {@code j} of the state says the
	 * first {@code j + 1} characters of the piece match the text ending at the current
	 * character; each text character costs one binary search in the piece's alphabet and
	 * one shift and mask per 64 piece characters.
	 */
	private static final class ShiftAndPiece implements Piece {

		private final int length;

		private final int words;

		/** The distinct characters of the piece other than {@code ?}, sorted. */
		private final char[] alphabet;

		/**
		 * For {@code alphabet[k]}, the positions that accept it: {@code words} longs from
		 * {@code k * words}.
		 */
		private final long[] masks;

		/** The positions that accept any character (the {@code ?}). */
		private final long[] anyCharacter;

		ShiftAndPiece(String piece) {
			this.length = piece.length();
			this.words = (this.length + 63) / 64;
			this.alphabet = piece.chars()
				.filter(c -> c != '?')
				.distinct()
				.sorted()
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
				.toString()
				.toCharArray();
			this.anyCharacter = new long[this.words];
			this.masks = new long[this.alphabet.length * this.words];
			for (int j = 0; j < this.length; j++) {
				char c = piece.charAt(j);
				long bit = 1L << (j & 63);
				if (c == '?') {
					this.anyCharacter[j >>> 6] |= bit;
				}
				else {
					this.masks[Arrays.binarySearch(this.alphabet, c) * this.words + (j >>> 6)] |= bit;
				}
			}
			for (int k = 0; k < this.alphabet.length; k++) {
				for (int w = 0; w < this.words; w++) {
					this.masks[k * this.words + w] |= this.anyCharacter[w];
				}
			}
		}

		@Override
		public int length() {
			return this.length;
		}

		@Override
		public int endOfFirst(String text, int from, int to, boolean ignoreAsciiCase) {
			if (to - from < this.length) {
				return -1;
			}
			return (this.words == 1) ? endOfFirstInOneWord(text, from, to, ignoreAsciiCase)
					: endOfFirstInWords(text, from, to, ignoreAsciiCase);
		}

		private int endOfFirstInOneWord(String text, int from, int to, boolean ignoreAsciiCase) {
			long accept = 1L << (this.length - 1);
			long state = 0;
			for (int i = from; i < to; i++) {
				int k = Arrays.binarySearch(this.alphabet, fold(text.charAt(i), ignoreAsciiCase));
				long mask = (k >= 0) ? this.masks[k] : this.anyCharacter[0];
				state = ((state << 1) | 1L) & mask;
				if ((state & accept) != 0) {
					return i + 1;
				}
			}
			return -1;
		}

		private int endOfFirstInWords(String text, int from, int to, boolean ignoreAsciiCase) {
			long[] state = SHIFT_AND_STATE.get();
			if (state.length < this.words) {
				state = new long[this.words];
				SHIFT_AND_STATE.set(state);
			}
			Arrays.fill(state, 0, this.words, 0L);
			int last = this.words - 1;
			long accept = 1L << ((this.length - 1) & 63);
			for (int i = from; i < to; i++) {
				int k = Arrays.binarySearch(this.alphabet, fold(text.charAt(i), ignoreAsciiCase));
				long[] source = (k >= 0) ? this.masks : this.anyCharacter;
				int base = (k >= 0) ? k * this.words : 0;
				for (int w = last; w > 0; w--) {
					state[w] = ((state[w] << 1) | (state[w - 1] >>> 63)) & source[base + w];
				}
				state[0] = ((state[0] << 1) | 1L) & source[base];
				if ((state[last] & accept) != 0) {
					return i + 1;
				}
			}
			return -1;
		}

		@Override
		public long footprint() {
			return 48 + 16 + 2L * this.alphabet.length + 16 + 8L * this.masks.length + 16 + 8L * this.words;
		}

	}

}
