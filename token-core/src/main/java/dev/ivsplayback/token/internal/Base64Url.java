package dev.ivsplayback.token.internal;

import java.util.Arrays;

/**
 * Base64url without padding (RFC 7515 §2), on array ranges, with a strict decoder. Not a public
 * API.
 */
public final class Base64Url {
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int[] DECODE = new int[128];

  static {
    Arrays.fill(DECODE, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = i;
    }
  }

  private Base64Url() {}

  /**
   * Encoded length of {@code n} bytes without padding.
   *
   * @param n the input length
   * @return the output length
   */
  public static int encodedLength(int n) {
    return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
  }

  /**
   * Encodes {@code src[off, off+len)} into {@code dst} at {@code dstOff}.
   *
   * @param src source bytes
   * @param off source offset
   * @param len source length
   * @param dst destination (must have room for {@link #encodedLength})
   * @param dstOff destination offset
   * @return the destination offset after the last written byte
   */
  public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int end = off + len - len % 3;
    int d = dstOff;
    int i = off;
    while (i < end) {
      int v = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
      dst[d] = ALPHABET[v >>> 18];
      dst[d + 1] = ALPHABET[(v >>> 12) & 0x3f];
      dst[d + 2] = ALPHABET[(v >>> 6) & 0x3f];
      dst[d + 3] = ALPHABET[v & 0x3f];
      d += 4;
      i += 3;
    }
    int rest = off + len - i;
    if (rest == 1) {
      int v = (src[i] & 0xff);
      dst[d++] = ALPHABET[v >>> 2];
      dst[d++] = ALPHABET[(v << 4) & 0x3f];
    } else if (rest == 2) {
      int v = (src[i] & 0xff) << 8 | (src[i + 1] & 0xff);
      dst[d++] = ALPHABET[v >>> 10];
      dst[d++] = ALPHABET[(v >>> 4) & 0x3f];
      dst[d++] = ALPHABET[(v << 2) & 0x3f];
    }
    return d;
  }

  /**
   * Encodes a whole array to a string.
   *
   * @param src the bytes
   * @return base64url text without padding
   */
  public static String encode(byte[] src) {
    byte[] out = new byte[encodedLength(src.length)];
    encode(src, 0, src.length, out, 0);
    return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * Strictly decodes {@code s[from, to)}: only the base64url alphabet, no padding, no whitespace, a
   * length that is not 1 mod 4, and zero unused trailing bits (so each value has exactly one
   * encoding).
   *
   * @param s the text
   * @param from start index
   * @param to end index (exclusive)
   * @return the bytes, or null when the text is not canonical base64url
   */
  public static byte[] decodeStrict(CharSequence s, int from, int to) {
    int len = to - from;
    if (len % 4 == 1) {
      return null;
    }
    byte[] out = new byte[len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1)];
    return decodeStrict(s, from, to, out) ? out : null;
  }

  /**
   * Decodes like {@link #decodeStrict(CharSequence, int, int)} into an array of exactly the decoded
   * length.
   *
   * @param s the text
   * @param from start index
   * @param to end index (exclusive)
   * @param out destination; its length must be the decoded length
   * @return false when the text is not canonical base64url (out then holds garbage)
   */
  public static boolean decodeStrict(CharSequence s, int from, int to, byte[] out) {
    int len = to - from;
    if (len % 4 == 1 || out.length != len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1)) {
      return false;
    }
    int o = 0;
    int acc = 0;
    int bits = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      int v = c < 128 ? DECODE[c] : -1;
      if (v < 0) {
        return false;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >>> bits);
        acc &= (1 << bits) - 1;
      }
    }
    return acc == 0;
  }
}
