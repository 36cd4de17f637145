package dev.ivsplayback.local.internal;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call the unauthenticated {@code /_local/} control API, and how; every control request
 * passes {@link #check} before anything else happens. Three rules, all against a web page open in a
 * browser on the same machine:
 *
 * <ol>
 *   <li>the {@code Host} header must be a loopback name (127.0.0.1, localhost, [::1], any port): a
 *       guard against DNS rebinding;
 *   <li>an {@code Origin} header, if any, must be http(s) on a loopback name: a guard against
 *       cross-site requests from pages that are not local;
 *   <li>GET (and HEAD) only read: they are answered for {@link #READ_ACTIONS} only. Every other
 *       call must be a POST whose {@code Content-Type} is {@code application/json}. A page can make
 *       a browser send a GET ({@code <img src>}) or a POST with a form or text/plain body without
 *       asking, but a JSON POST to another origin needs a CORS preflight, which this API never
 *       grants (it sends no {@code Access-Control-Allow-*} header).
 * </ol>
 *
 * Playback URLs are not checked this way: players send their page's Origin there legitimately.
 * Stateless and thread-safe.
 */
final class ControlGuard {

  /** The control actions that only read, and so may be called with GET. */
  static final Set<String> READ_ACTIONS = Set.of("info", "metadata", "callCount");

  private static final Pattern LOOPBACK_AUTHORITY =
      Pattern.compile("(?i)(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?");

  private ControlGuard() {}

  /**
   * Refuses a control request that breaks one of the rules: 403 AccessDeniedException (Host,
   * Origin), 405 MethodNotAllowedException (GET of an action that changes state, or a method other
   * than GET, HEAD and POST) or 415 UnsupportedMediaTypeException (a POST that is not JSON).
   *
   * @param headers the request headers; {@code Allow} is added to {@code responseHeaders} on a 405
   */
  static void check(String method, String action, Headers headers, Headers responseHeaders) {
    requireLoopbackCaller(headers);
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read && READ_ACTIONS.contains(action)) {
      return;
    }
    if (!method.equals("POST")) {
      responseHeaders.set("Allow", READ_ACTIONS.contains(action) ? "GET, HEAD, POST" : "POST");
      throw new ApiException(
          "MethodNotAllowedException",
          405,
          "/_local/"
              + action
              + " does not answer "
              + method
              + ": only /_local/"
              + String.join(", /_local/", READ_ACTIONS.stream().sorted().toList())
              + " answer GET; every other control call is a POST with Content-Type"
              + " application/json");
    }
    List<String> types = headers.get("Content-Type");
    if (types == null || types.size() != 1 || !isJson(types.get(0))) {
      throw new ApiException(
          "UnsupportedMediaTypeException",
          415,
          "/_local/ control API: Content-Type "
              + (types == null || types.isEmpty()
                  ? "missing"
                  : "'" + String.join(", ", types) + "'")
              + "; a control POST must have Content-Type application/json (a guard against"
              + " cross-site form posts from web pages)");
    }
  }

  /** Whether a Content-Type value's media type is application/json (parameters allowed). */
  static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().equalsIgnoreCase("application/json");
  }

  /** Rules 1 and 2: a loopback Host, and no Origin other than a loopback one. */
  static void requireLoopbackCaller(Headers headers) {
    List<String> hosts = headers.get("Host");
    if (hosts == null || hosts.size() != 1 || !isLoopbackAuthority(hosts.get(0).trim())) {
      throw new ApiException(
          "AccessDeniedException",
          403,
          "/_local/ control API: Host header "
              + (hosts == null || hosts.isEmpty()
                  ? "missing"
                  : "'" + String.join(", ", hosts) + "'")
              + " is not a loopback name; it answers only Host 127.0.0.1, localhost or [::1] (any port),"
              + " as a guard against DNS rebinding");
    }
    List<String> origins = headers.get("Origin");
    if (origins != null) {
      for (String origin : origins) {
        if (!isLoopbackOrigin(origin.trim())) {
          throw new ApiException(
              "AccessDeniedException",
              403,
              "/_local/ control API: Origin '"
                  + origin
                  + "' is not a loopback origin; it answers only requests without an Origin or from"
                  + " http(s)://127.0.0.1, localhost or [::1] (any port), as a guard against cross-site"
                  + " requests from web pages");
        }
      }
    }
  }

  /** Whether a Host header value (host, optional port) names the loopback interface. */
  static boolean isLoopbackAuthority(String authority) {
    return LOOPBACK_AUTHORITY.matcher(authority).matches();
  }

  /**
   * Whether an Origin header value is http(s) on a loopback authority ("null" and other schemes are
   * not).
   */
  static boolean isLoopbackOrigin(String origin) {
    String lower = origin.toLowerCase(Locale.ROOT);
    String authority =
        lower.startsWith("http://")
            ? origin.substring(7)
            : lower.startsWith("https://") ? origin.substring(8) : null;
    return authority != null && isLoopbackAuthority(authority);
  }
}
