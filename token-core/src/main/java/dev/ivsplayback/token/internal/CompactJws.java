package dev.ivsplayback.token.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/**
 * Allocation-free pieces of the verifier's hot path over a compact JWS. Thread-safe (per-thread
 * buffer). Not a public API.
 */
public final class CompactJws {
  /** The header our signer writes: {@code {"alg":"ES384","typ":"JWT"}}. */
  public static final byte[] CANONICAL_HEADER_BYTES =
      "{\"alg\":\"ES384\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII);

  /** What {@link StrictJson#parseObject} gives for {@link #CANONICAL_HEADER_BYTES} (read-only). */
  public static final Map<String, Object> CANONICAL_HEADER = parseCanonicalHeader();

  private static final String CANONICAL_HEADER_B64 = Base64Url.encode(CANONICAL_HEADER_BYTES);

  // The signing input (header.payload) as ASCII, per thread, so checking it allocates nothing.
  private static final ThreadLocal<byte[][]> SIGNING_INPUT =
      ThreadLocal.withInitial(() -> new byte[][] {new byte[1024]});

  // A decoded ES384 signature (96 bytes, from 128 characters), per thread.
  private static final ThreadLocal<byte[]> SIGNATURE =
      ThreadLocal.withInitial(() -> new byte[P384.SIGNATURE_BYTES]);

  private CompactJws() {}

  /**
   * Decodes the signature segment strictly (see {@link Base64Url#decodeStrict(CharSequence, int,
   * int)}): into this thread's buffer, valid until the thread's next call, when it is 128
   * characters (96 bytes, the only size ES384 accepts), else into a new array.
   *
   * @param token the token
   * @param from index after the second '.'
   * @return the bytes, or null when not canonical base64url
   */
  public static byte[] decodeSignature(String token, int from) {
    int to = token.length();
    if (to - from != 128) {
      return Base64Url.decodeStrict(token, from, to);
    }
    byte[] out = SIGNATURE.get();
    return Base64Url.decodeStrict(token, from, to, out) ? out : null;
  }

  /**
   * Whether the token's first segment is exactly the base64url of {@link #CANONICAL_HEADER_BYTES}.
   *
   * @param token the token
   * @param firstDot index of its first '.'
   * @return true for the canonical header
   */
  public static boolean hasCanonicalHeader(String token, int firstDot) {
    return firstDot == CANONICAL_HEADER_B64.length() && token.startsWith(CANONICAL_HEADER_B64);
  }

  /**
   * {@code token[0, end)} as ASCII bytes in this thread's buffer, valid until the thread's next
   * call. The caller has checked that the characters are base64url and dots.
   *
   * @param token the token
   * @param end index of the second '.'
   * @return the buffer, holding the signing input in {@code [0, end)}
   */
  public static byte[] signingInput(String token, int end) {
    byte[][] holder = SIGNING_INPUT.get();
    byte[] buf = holder[0];
    if (buf.length < end) {
      buf = new byte[Math.max(end, buf.length * 2)];
      holder[0] = buf;
    }
    for (int i = 0; i < end; i++) {
      buf[i] = (byte) token.charAt(i);
    }
    return buf;
  }

  private static Map<String, Object> parseCanonicalHeader() {
    try {
      return Collections.unmodifiableMap(StrictJson.parseObject(CANONICAL_HEADER_BYTES));
    } catch (StrictJson.MalformedJsonException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
