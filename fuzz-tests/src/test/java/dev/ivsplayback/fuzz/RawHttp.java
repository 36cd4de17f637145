package dev.ivsplayback.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that a test controls every byte (method, target, headers,
 * framing) and bounds the wait for an answer. One request per connection ({@code Connection:
 * close}).
 */
final class RawHttp {
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Longest a test waits for any single answer: a server that takes longer is hanging. */
  static final int READ_TIMEOUT_MILLIS = 5_000;

  private RawHttp() {}

  /** A parsed response. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * A well-formed SigV4 Authorization header for service ivs in us-west-2 with an arbitrary
   * signature: what ivs-local checks when it runs without credentials (the form, not the HMAC).
   */
  static Map<String, String> sigV4FormHeaders(Instant at) {
    String date = AMZ_DATE.format(at);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Amz-Date", date);
    h.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDFUZZ/"
            + date.substring(0, 8)
            + "/us-west-2/ivs/aws4_request, SignedHeaders=host;x-amz-date, Signature="
            + "0".repeat(64));
    return h;
  }

  /**
   * Sends one request with a Content-Length body (or none when body is null) and reads the whole
   * answer.
   */
  static Response send(
      URI endpoint, String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    try (Socket s = connect(endpoint)) {
      OutputStream out = s.getOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: ")
          .append(endpoint.getHost())
          .append(':')
          .append(endpoint.getPort())
          .append("\r\n");
      for (Map.Entry<String, String> e : headers.entrySet()) {
        head.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(s.getInputStream());
    }
  }

  static Socket connect(URI endpoint) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), READ_TIMEOUT_MILLIS);
    s.setSoTimeout(READ_TIMEOUT_MILLIS);
    s.setTcpNoDelay(true);
    return s;
  }

  /** Reads a response (status line, headers, body framed by Content-Length, chunks or close). */
  static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("connection closed without a response");
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String l;
    while ((l = line(in)) != null && !l.isEmpty()) {
      int colon = l.indexOf(':');
      if (colon > 0) {
        headers.put(
            l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String length = headers.get("content-length");
    if (length != null) {
      body.write(in.readNBytes(Integer.parseInt(length)));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        String size = line(in);
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
          line(in);
          break;
        }
        body.write(in.readNBytes(n));
        line(in);
      }
    } else {
      try {
        in.transferTo(body);
      } catch (SocketTimeoutException e) {
        // a body without framing ends at close; the status and headers are what matter
      }
    }
    return new Response(status, headers, body.toByteArray());
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
