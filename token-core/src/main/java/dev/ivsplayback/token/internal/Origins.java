package dev.ivsplayback.token.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Syntax and matching of {@code aws:access-control-allow-origin} entries: {@code
 * scheme://host[:port]} where the host may begin with {@code *.}, or the bare {@code *}. Not a
 * public API.
 */
public final class Origins {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern ALLOWED =
      Pattern.compile(
          "[A-Za-z][A-Za-z0-9+.-]*://(?:\\*\\.)?"
              + LABEL
              + "(?:\\."
              + LABEL
              + ")*(?::[0-9]{1,5})?");
  private static final Pattern REQUEST =
      Pattern.compile(
          "[A-Za-z][A-Za-z0-9+.-]*://" + LABEL + "(?:\\." + LABEL + ")*(?::[0-9]{1,5})?");

  private Origins() {}

  /**
   * Why an allowed-origin entry is malformed, or null when it is well-formed.
   *
   * @param origin the entry
   * @return the problem, or null
   */
  public static String problemWith(String origin) {
    if (origin.equals("*")) {
      return null;
    }
    if (!ALLOWED.matcher(origin).matches()) {
      return "is not of the form scheme://host[:port] (the host may begin with \"*.\"; no path, no"
          + " whitespace, no trailing slash)";
    }
    int port = portOf(origin);
    if (port == 0 || port > 65535) {
      return "has a port outside 1..65535";
    }
    return null;
  }

  /**
   * Whether a request's {@code Origin} header value matches an allowed-origin entry. Scheme and
   * host compare case-insensitively, default ports (80 for http, 443 for https) are made explicit,
   * and {@code *.} stands for one or more leading host labels (never the bare parent domain).
   *
   * @param allowed a well-formed entry
   * @param requestOrigin the request's origin
   * @return true when it matches
   */
  public static boolean matches(String allowed, String requestOrigin) {
    if (allowed.equals("*")) {
      return true;
    }
    if (requestOrigin == null || !REQUEST.matcher(requestOrigin).matches()) {
      return false;
    }
    String a = allowed.toLowerCase(Locale.ROOT);
    String r = requestOrigin.toLowerCase(Locale.ROOT);
    String aScheme = a.substring(0, a.indexOf("://"));
    String rScheme = r.substring(0, r.indexOf("://"));
    if (!aScheme.equals(rScheme) || effectivePort(a, aScheme) != effectivePort(r, rScheme)) {
      return false;
    }
    String aHost = hostOf(a);
    String rHost = hostOf(r);
    if (aHost.startsWith("*.")) {
      String suffix = aHost.substring(1); // ".example.com"
      return rHost.length() > suffix.length() && rHost.endsWith(suffix);
    }
    return aHost.equals(rHost);
  }

  private static String hostOf(String origin) {
    String rest = origin.substring(origin.indexOf("://") + 3);
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  private static int portOf(String origin) {
    String rest = origin.substring(origin.indexOf("://") + 3);
    int colon = rest.indexOf(':');
    return colon < 0 ? -1 : Integer.parseInt(rest.substring(colon + 1));
  }

  private static int effectivePort(String origin, String scheme) {
    int port = portOf(origin);
    if (port >= 0) {
      return port;
    }
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }
}
