package dev.ivsplayback.examples.plain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ivsplayback.client.ChannelDirectory;
import dev.ivsplayback.client.ChannelInfo;
import dev.ivsplayback.token.IvsPlaybackException;
import dev.ivsplayback.token.MintedToken;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A playback-token endpoint on the JDK's HttpServer. {@code GET /token?channel=ARN&viewer=ID} mints
 * a per-viewer token; without {@code viewer} it returns a channel-wide token, reused across
 * requests by the reusing minter. Answers JSON {@code {"playbackUrl","token","expiresAt"}}; 404 for
 * an unknown channel, 400 for bad input, 503 when the minter cannot mint.
 */
public final class TokenServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer http;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final PlaybackTokenMinter perViewer;
  private final PlaybackTokenMinter channelWide;
  private final ChannelDirectory channels;
  private final Duration ttl;

  /**
   * Starts serving on 127.0.0.1.
   *
   * @param port the port (0: any free port)
   * @param perViewer mints per-viewer tokens (the key manager's signer)
   * @param channelWide mints channel-wide tokens (a ReusingPlaybackTokenSigner in front of it)
   * @param channels finds a channel's playback URL and whether it is private
   * @param ttl the tokens' lifetime
   * @throws IOException if the port cannot be bound
   */
  public TokenServer(
      int port,
      PlaybackTokenMinter perViewer,
      PlaybackTokenMinter channelWide,
      ChannelDirectory channels,
      Duration ttl)
      throws IOException {
    this.perViewer = perViewer;
    this.channelWide = channelWide;
    this.channels = channels;
    this.ttl = ttl;
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    http.setExecutor(threads);
    http.createContext("/token", this::token);
    http.start();
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:8080}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  private void token(HttpExchange exchange) throws IOException {
    try {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String arn = query.get("channel");
      if (arn == null || arn.isBlank()) {
        send(
            exchange,
            400,
            Map.of("error", "the query parameter channel (a channel ARN) is required"));
        return;
      }
      ChannelInfo channel = channels.find(arn).orElse(null);
      if (channel == null) {
        send(exchange, 404, Map.of("error", "no such channel: " + arn));
        return;
      }
      if (!channel.authorized()) { // a public channel plays without a token
        send(exchange, 200, Map.of("playbackUrl", channel.playbackUrl()));
        return;
      }
      String viewer = query.get("viewer");
      PlaybackClaims.Builder claims = PlaybackClaims.builder().channelArn(arn).expiresIn(ttl);
      MintedToken minted =
          viewer == null
              ? channelWide.mint(claims.build())
              : perViewer.mint(claims.viewerId(viewer).build());
      Map<String, String> body = new LinkedHashMap<>();
      body.put(
          "playbackUrl", PlaybackTokenSigner.appendToken(channel.playbackUrl(), minted.token()));
      body.put("token", minted.token());
      body.put("expiresAt", minted.expiresAt().toString());
      send(exchange, 200, body);
    } catch (dev.ivsplayback.token.InvalidClaimException e) {
      send(exchange, 400, Map.of("error", e.getMessage())); // e.g. a viewer id over 40 characters
    } catch (IvsPlaybackException e) {
      send(exchange, 503, Map.of("error", "cannot mint now: " + e.getMessage()));
    } finally {
      exchange.close();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body); // correct JSON escaping of every value
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
