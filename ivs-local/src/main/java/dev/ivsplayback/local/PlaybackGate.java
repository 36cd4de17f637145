package dev.ivsplayback.local;

import dev.ivsplayback.local.internal.IvsState;
import dev.ivsplayback.local.internal.PlaybackAuthorizer;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Playback authorization as IVS applies it to a multivariant-playlist request: private channels
 * need a token that token-core's verifier accepts against the currently imported key pairs (so a
 * deleted key stops verifying at once) and whose viewer session is not revoked; other channels obey
 * their playback restriction policy's origins.
 */
final class PlaybackGate implements PlaybackAuthorizer {
  private final IvsState state;
  private final PlaybackTokenVerifier verifier;

  private PlaybackGate(IvsState state, Clock clock) {
    this.state = state;
    this.verifier =
        PlaybackTokenVerifier.builder().keySource(state::publicKeys).clock(clock).build();
  }

  static PlaybackAuthorizer create(IvsState state, Clock clock) {
    return new PlaybackGate(state, clock);
  }

  @Override
  public Decision authorize(IvsState.PlaybackChannel channel, String token, String origin) {
    if (!channel.authorized()) {
      return restrictionPolicy(channel, origin);
    }
    if (token == null || token.isEmpty()) {
      return Decision.refuse("missing playback authorization token");
    }
    VerificationResult result =
        verifier.verify(token, VerificationRequest.forChannel(channel.arn()).withOrigin(origin));
    if (result instanceof VerificationResult.Invalid invalid) {
      return Decision.refuse(invalid.message());
    }
    PlaybackClaims claims = ((VerificationResult.Valid) result).claims();
    if (claims.viewerId().isPresent()
        && state.isRevoked(
            channel.arn(), claims.viewerId().get(), claims.viewerSessionVersion().orElse(0))) {
      return Decision.refuse("the viewer session was revoked");
    }
    return Decision.allow(claims.maximumResolution().map(Enum::name).orElse(null));
  }

  /**
   * Origins only: the viewer's country cannot be known locally, so allowedCountries is not
   * enforced.
   */
  private static Decision restrictionPolicy(IvsState.PlaybackChannel channel, String origin) {
    List<String> allowed = channel.allowedOrigins();
    if (origin == null) {
      return channel.strictOriginEnforcement()
          ? Decision.refuse(
              "an Origin header is required by the channel's"
                  + " playback restriction policy (strict origin enforcement)")
          : Decision.allow(null);
    }
    if (allowed.isEmpty() || allowed.contains("*")) {
      return Decision.allow(null);
    }
    String o = origin.toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equalsIgnoreCase(o)) {
        return Decision.allow(null);
      }
    }
    return Decision.refuse("origin is not allowed by the channel's playback restriction policy");
  }
}
