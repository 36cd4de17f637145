package dev.ivsplayback.token.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verifier's fast path for the JSON every token carries: one flat object whose names and string
 * values are printable ASCII without escapes, and whose other values are integers of at most 18
 * digits, {@code true}, {@code false} or {@code null}. It allocates only the map and the values
 * (well-known claim names are shared constants), where a Jackson parser costs about 1 KB. Anything
 * else (escapes, non-ASCII, other numbers, nesting, duplicate names, any syntax error) returns null
 * and {@link StrictJson} parses the bytes with Jackson, so the result and every error stay
 * Jackson's. Not a public API.
 */
final class FlatJson {
  /** Longer strings go to Jackson, which enforces its own limit. */
  private static final int MAX_STRING = 16_384;

  private static final byte[][] KNOWN_NAMES;

  static {
    String[] names = {
      "aws:channel-arn",
      "aws:access-control-allow-origin",
      "aws:strict-origin-enforcement",
      "aws:single-use-uuid",
      "aws:viewer-id",
      "aws:viewer-session-version",
      "aws:maximum-resolution",
      "exp",
      "nbf",
      "iat",
      "alg",
      "typ",
      "kid"
    };
    KNOWN_NAMES = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      KNOWN_NAMES[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final String[] KNOWN_NAME_STRINGS = new String[KNOWN_NAMES.length];

  static {
    for (int i = 0; i < KNOWN_NAMES.length; i++) {
      KNOWN_NAME_STRINGS[i] = new String(KNOWN_NAMES[i], StandardCharsets.US_ASCII).intern();
    }
  }

  private final byte[] b;
  private int p;
  private Object value; // the last value read

  private FlatJson(byte[] b) {
    this.b = b;
  }

  /**
   * Parses the simple subset.
   *
   * @param utf8 the bytes
   * @return the members in document order, or null when the bytes are not in the subset
   */
  static Map<String, Object> tryParse(byte[] utf8) {
    return new FlatJson(utf8).object();
  }

  private Map<String, Object> object() {
    skipWhitespace();
    if (!consume('{')) {
      return null;
    }
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (!consume('}')) {
      while (true) {
        String name = string(true);
        if (name == null || members.containsKey(name)) {
          return null;
        }
        skipWhitespace();
        if (!consume(':')) {
          return null;
        }
        skipWhitespace();
        if (!value()) {
          return null;
        }
        members.put(name, value);
        skipWhitespace();
        if (consume(',')) {
          skipWhitespace();
        } else if (consume('}')) {
          break;
        } else {
          return null;
        }
      }
    }
    skipWhitespace();
    return p == b.length ? members : null;
  }

  private boolean value() {
    if (p >= b.length) {
      return false;
    }
    int c = b[p];
    if (c == '"') {
      value = string(false);
      return value != null;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (literal("true")) {
      value = Boolean.TRUE;
    } else if (literal("false")) {
      value = Boolean.FALSE;
    } else if (literal("null")) {
      value = null;
    } else {
      return false;
    }
    return endsValue();
  }

  /** -?(0|[1-9][0-9]{0,17}), then a delimiter; anything longer or fancier goes to Jackson. */
  private boolean number() {
    boolean negative = consume('-');
    int start = p;
    long v = 0;
    while (p < b.length && b[p] >= '0' && b[p] <= '9') {
      v = v * 10 + (b[p] - '0');
      p++;
    }
    int digits = p - start;
    if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0') || !endsValue()) {
      return false;
    }
    value = negative ? -v : v;
    return true;
  }

  /** Whether a value ends here: whitespace, ',', '}' (not '.', 'e', a letter, ...). */
  private boolean endsValue() {
    if (p >= b.length) {
      return false;
    }
    int c = b[p];
    return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private boolean literal(String word) {
    int n = word.length();
    if (p + n > b.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != word.charAt(i)) {
        return false;
      }
    }
    p += n;
    return true;
  }

  /** A string of printable ASCII other than '"' and '\'; null otherwise. */
  private String string(boolean name) {
    if (!consume('"')) {
      return null;
    }
    int start = p;
    while (p < b.length) {
      int c = b[p];
      if (c == '"') {
        int len = p - start;
        p++;
        if (len > MAX_STRING) {
          return null;
        }
        return name ? name(start, len) : new String(b, start, len, StandardCharsets.US_ASCII);
      }
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return null;
      }
      p++;
    }
    return null;
  }

  private String name(int start, int len) {
    for (int i = 0; i < KNOWN_NAMES.length; i++) {
      byte[] k = KNOWN_NAMES[i];
      if (k.length == len && java.util.Arrays.equals(b, start, start + len, k, 0, len)) {
        return KNOWN_NAME_STRINGS[i];
      }
    }
    return new String(b, start, len, StandardCharsets.US_ASCII);
  }

  private boolean consume(char c) {
    if (p < b.length && b[p] == c) {
      p++;
      return true;
    }
    return false;
  }

  private void skipWhitespace() {
    while (p < b.length && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r')) {
      p++;
    }
  }
}
