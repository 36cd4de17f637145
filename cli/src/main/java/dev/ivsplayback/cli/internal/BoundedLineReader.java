package dev.ivsplayback.cli.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines without ever holding more than a fixed number of characters, so that a stream of any
 * size (or one absurdly long line) is processed in constant memory. Not thread-safe.
 */
final class BoundedLineReader {

  /** One line: its text (trimmed), or a note that it was longer than the limit (text then null). */
  record Line(String text, long length) {
    boolean tooLong() {
      return text == null;
    }
  }

  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[8192];
  private int pos;
  private int limit;
  private boolean eof;

  BoundedLineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    StringBuilder sb = new StringBuilder();
    long length = 0;
    boolean sawAny = false;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          return sawAny ? finish(sb, length) : null;
        }
      }
      sawAny = true;
      char c = buf[pos++];
      if (c == '\n') {
        return finish(sb, length);
      }
      length++;
      if (length <= maxChars) {
        sb.append(c);
      } else if (sb.length() > 0) {
        sb.setLength(0);
        sb.trimToSize();
      }
    }
  }

  /**
   * Whether a next call would probably not block (used to flush output when the producer pauses).
   */
  boolean ready() throws IOException {
    return pos < limit || (!eof && in.ready());
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private Line finish(StringBuilder sb, long length) {
    if (length > maxChars) {
      return new Line(null, length);
    }
    return new Line(sb.toString().strip(), length);
  }
}
