package dev.ivsplayback.examples.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ivsplayback.client.ChannelDirectory;
import dev.ivsplayback.client.ChannelInfo;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.spring.ChannelWide;
import dev.ivsplayback.token.InvalidClaimException;
import dev.ivsplayback.token.IvsPlaybackException;
import dev.ivsplayback.token.MintedToken;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.ivs.model.ListChannelsRequest;

/**
 * {@code POST /playback-token} with {@code {"channel": "name or ARN", "channelWide": false}}; the
 * viewer is the HTTP basic user or the {@code X-Viewer-Id} header. Answers {@code
 * {"playbackUrl","token","expiresAt"}}; a public channel's URL without a token; RFC 9457 problems
 * for 400, 401, 403, 404 and 503.
 */
@RestController
public class TokenController {
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Pattern CHANNEL_ARN =
      Pattern.compile("arn:[a-z-]+:ivs:[a-z0-9-]+:\\d{12}:channel/[A-Za-z0-9]+");
  private final PlaybackTokenMinter perViewer;
  private final PlaybackTokenMinter channelWide;
  private final ChannelDirectory channels;
  private final IvsPlaybackClient ivs;
  private final ViewerProperties viewers;
  // Channel name -> ARN, found with ListChannels (under an IVS per-account TPS quota: not a call
  // per request). Only names that exist are kept, for the channel directory's TTL.
  private final Cache<String, String> arnsByName;

  TokenController(
      PlaybackTokenMinter perViewer,
      @ChannelWide PlaybackTokenMinter channelWide,
      ChannelDirectory channels,
      IvsPlaybackClient ivs,
      ViewerProperties viewers,
      @Value("${ivs.playback.channel-directory.ttl:60s}") Duration channelTtl) {
    this.perViewer = perViewer;
    this.channelWide = channelWide;
    this.channels = channels;
    this.ivs = ivs;
    this.viewers = viewers;
    this.arnsByName =
        Caffeine.newBuilder().expireAfterWrite(channelTtl).maximumSize(10_000).build();
  }

  /** The request body. */
  record TokenRequest(String channel, Boolean channelWide) {}

  /** The answer; {@code token} and {@code expiresAt} are null for a public channel. */
  record TokenResponse(String playbackUrl, String token, String expiresAt) {}

  @PostMapping("/playback-token")
  TokenResponse token(
      @RequestBody TokenRequest request,
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestHeader(name = "X-Viewer-Id", required = false) String viewerHeader) {
    if (request == null || request.channel() == null || request.channel().isBlank()) {
      throw new Problem(HttpStatus.BAD_REQUEST, "channel (a channel name or ARN) is required");
    }
    String viewer = viewer(authorization, viewerHeader);
    ChannelInfo channel = find(request.channel().strip());
    if (!channel.authorized()) { // a public channel plays without a token
      return new TokenResponse(channel.playbackUrl(), null, null);
    }
    List<String> grants = viewers.getGrants().getOrDefault(viewer, List.of());
    if (!grants.contains("*")
        && !grants.contains(channel.arn())
        && !grants.contains(channel.channel().name())) {
      throw new Problem(HttpStatus.FORBIDDEN, "viewer " + viewer + " may not play this channel");
    }
    PlaybackClaims.Builder claims =
        PlaybackClaims.builder().channelArn(channel.arn()).expiresIn(TTL);
    MintedToken t =
        Boolean.TRUE.equals(request.channelWide())
            ? channelWide.mint(claims.build())
            : perViewer.mint(claims.viewerId(viewer).build());
    return new TokenResponse(
        PlaybackTokenSigner.appendToken(channel.playbackUrl(), t.token()),
        t.token(),
        t.expiresAt().toString());
  }

  private String viewer(String authorization, String header) {
    if (authorization != null && authorization.startsWith("Basic ")) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new Problem(HttpStatus.BAD_REQUEST, "the Authorization header is not valid Basic");
      }
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      String password = colon < 0 ? "" : decoded.substring(colon + 1);
      String expected = viewers.getUsers().get(user);
      if (expected == null
          || !MessageDigest.isEqual(
              expected.getBytes(StandardCharsets.UTF_8),
              password.getBytes(StandardCharsets.UTF_8))) {
        throw new Problem(HttpStatus.UNAUTHORIZED, "unknown user or wrong password");
      }
      return user;
    }
    if (viewers.isTrustViewerHeader() && header != null && !header.isBlank()) {
      return header.strip();
    }
    throw new Problem(HttpStatus.UNAUTHORIZED, "identify the viewer (HTTP basic or X-Viewer-Id)");
  }

  private ChannelInfo find(String channel) {
    String arn = channel;
    if (!channel.startsWith("arn:")) { // a name: IVS filters channels by name
      arn = arnsByName.get(channel, this::arnOfName);
      if (arn == null) {
        throw new Problem(HttpStatus.NOT_FOUND, "no such channel: " + channel);
      }
    } else if (!CHANNEL_ARN.matcher(arn).matches()) {
      throw new Problem(HttpStatus.BAD_REQUEST, "channel is not a channel ARN: " + channel);
    }
    String found = arn;
    return channels
        .find(found)
        .orElseThrow(() -> new Problem(HttpStatus.NOT_FOUND, "no such channel: " + found));
  }

  private String arnOfName(String name) {
    return ivs.listChannels(ListChannelsRequest.builder().filterByName(name).build())
        .filter(c -> name.equals(c.name()))
        .map(c -> c.arn())
        .findFirst()
        .orElse(null); // not cached: the channel may be created later
  }

  /** An HTTP error with its status, rendered as an RFC 9457 problem. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final HttpStatus status;

    Problem(HttpStatus status, String detail) {
      super(detail);
      this.status = status;
    }
  }

  @ExceptionHandler(Problem.class)
  ProblemDetail problem(Problem e) {
    return ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
  }

  @ExceptionHandler(InvalidClaimException.class)
  ProblemDetail badClaim(InvalidClaimException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(IvsPlaybackException.class)
  ProblemDetail cannotMint(IvsPlaybackException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.SERVICE_UNAVAILABLE, "cannot mint now: " + e.getMessage());
  }
}
