package dev.ivsplayback.token.internal;

/**
 * A minimal JSON writer into a {@link ByteSink} (UTF-8), hand-written because claims serialisation
 * is on the signing hot path. Escapes {@code "} and {@code \} and every control character below
 * U+0020; encodes the rest as UTF-8 (callers guarantee well-formed UTF-16). Not a public API.
 */
public final class JsonWriter {
  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final ByteSink out;
  private boolean first = true;

  /**
   * Starts writing an object.
   *
   * @param out the sink
   */
  public JsonWriter(ByteSink out) {
    this.out = out;
    out.put((byte) '{');
  }

  /**
   * Writes a member name (which must be pre-escaped plain ASCII, e.g. {@code aws:channel-arn}) with
   * the colon.
   *
   * @param asciiName the name
   * @return this writer
   */
  public JsonWriter nameAscii(String asciiName) {
    separator();
    out.ensure(asciiName.length() + 3);
    out.put((byte) '"');
    out.putAscii(asciiName);
    out.put((byte) '"');
    out.put((byte) ':');
    return this;
  }

  /**
   * Writes a member name of any content, escaped, with the colon.
   *
   * @param name the name
   * @return this writer
   */
  public JsonWriter name(String name) {
    separator();
    string(name);
    out.put((byte) ':');
    return this;
  }

  /**
   * Writes a string value, escaped.
   *
   * @param s the string (well-formed UTF-16)
   * @return this writer
   */
  public JsonWriter string(String s) {
    int n = s.length();
    out.ensure(n * 3 + 2);
    byte[] b = out.buf;
    int p = out.len;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[p++] = (byte) c;
          continue;
        }
        out.len = p;
        out.ensure(6 + (n - i) * 3 + 1);
        b = out.buf;
        switch (c) {
          case '"' -> {
            b[p++] = '\\';
            b[p++] = '"';
          }
          case '\\' -> {
            b[p++] = '\\';
            b[p++] = '\\';
          }
          case '\n' -> {
            b[p++] = '\\';
            b[p++] = 'n';
          }
          case '\r' -> {
            b[p++] = '\\';
            b[p++] = 'r';
          }
          case '\t' -> {
            b[p++] = '\\';
            b[p++] = 't';
          }
          case '\b' -> {
            b[p++] = '\\';
            b[p++] = 'b';
          }
          case '\f' -> {
            b[p++] = '\\';
            b[p++] = 'f';
          }
          default -> {
            b[p++] = '\\';
            b[p++] = 'u';
            b[p++] = '0';
            b[p++] = '0';
            b[p++] = HEX[c >> 4];
            b[p++] = HEX[c & 0xf];
          }
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("unpaired surrogate at index " + i);
      } else {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[p++] = '"';
    out.len = p;
    return this;
  }

  /**
   * Writes a plain-ASCII string value that needs no escaping (e.g. a UUID or enum name).
   *
   * @param s the string
   * @return this writer
   */
  public JsonWriter stringAscii(String s) {
    out.ensure(s.length() + 2);
    out.put((byte) '"');
    out.putAscii(s);
    out.put((byte) '"');
    return this;
  }

  /**
   * Writes an integer value.
   *
   * @param v the value
   * @return this writer
   */
  public JsonWriter number(long v) {
    out.putAscii(Long.toString(v));
    return this;
  }

  /**
   * Writes a boolean value.
   *
   * @param v the value
   * @return this writer
   */
  public JsonWriter bool(boolean v) {
    out.putAscii(v ? "true" : "false");
    return this;
  }

  /**
   * Writes {@code null}.
   *
   * @return this writer
   */
  public JsonWriter nullValue() {
    out.putAscii("null");
    return this;
  }

  /** Closes the object. */
  public void end() {
    out.put((byte) '}');
  }

  private void separator() {
    if (first) {
      first = false;
    } else {
      out.put((byte) ',');
    }
  }
}
