package dev.ivsplayback.token.internal;

import java.util.Arrays;

/**
 * A growable byte buffer reused per thread on the signing hot path. Not thread-safe; not a public
 * API.
 */
public final class ByteSink {
  byte[] buf;
  int len;

  /**
   * Creates a buffer.
   *
   * @param capacity initial capacity
   */
  public ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  /** Empties the buffer (keeps its storage). */
  public void reset() {
    len = 0;
  }

  /**
   * @return the backing array (valid up to {@link #length()})
   */
  public byte[] array() {
    return buf;
  }

  /**
   * @return the number of bytes written
   */
  public int length() {
    return len;
  }

  /**
   * Makes room for {@code n} more bytes.
   *
   * @param n bytes needed
   */
  public void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  void putAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  void putBytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }
}
