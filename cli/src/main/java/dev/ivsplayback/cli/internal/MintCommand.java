package dev.ivsplayback.cli.internal;

import dev.ivsplayback.token.MaximumResolution;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code mint}: signs a playback token (or a playback URL carrying one). */
@Command(
    name = "mint",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Mint a playback token (ES384).",
      "Prints the token, or with --playback-url the URL that carries it. With --store it signs with the store's ACTIVE key. Invalid claims exit 2, naming the rule."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback mint --private-key keys/web.key.pem --channel-arn arn:aws:ivs:us-west-2:123456789012:channel/abcd1234 --ttl 5m --viewer-id v-42"
    })
final class MintCommand extends AbstractCommand {

  /**
   * Lifetime when neither --ttl nor --expires-at is given: within the 10-minute limit for
   * viewer-bound tokens.
   */
  static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeySource keySource;

  static final class KeySource {
    @Option(
        names = "--private-key",
        required = true,
        paramLabel = "FILE",
        description = "Private key PEM to sign with.")
    Path privateKey;

    @Option(
        names = "--store",
        required = true,
        paramLabel = "DIR|URL",
        description =
            "Key store: a directory, or a jdbc:postgresql:// or jdbc:mariadb:// URL: sign with its ACTIVE key.")
    String store;
  }

  @Mixin PassphraseOptions passphrase;

  @Mixin DatabaseOptions database;

  @Option(
      names = "--channel-arn",
      required = true,
      paramLabel = "ARN",
      description = "Channel the token is for (aws:channel-arn).")
  String channelArn;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Lifetime, e.g. 90s, 5m, 1h (default 5m). At most 10m with --viewer-id or --single-use.")
  Duration ttl;

  @Option(
      names = "--expires-at",
      paramLabel = "ISO-8601",
      converter = InstantConverter.class,
      description = "Absolute expiry instead of --ttl, e.g. 2030-01-01T00:00:00Z.")
  Instant expiresAt;

  @Option(
      names = "--viewer-id",
      paramLabel = "ID",
      description = "aws:viewer-id (1..40 characters, no PII); lets you revoke the session.")
  String viewerId;

  @Option(
      names = "--viewer-session-version",
      paramLabel = "N",
      description = "aws:viewer-session-version (64-bit integer).")
  Long viewerSessionVersion;

  @Option(
      names = "--origin",
      paramLabel = "O",
      description = "Allowed origin (repeatable), e.g. https://*.example.com.")
  List<String> origins = new ArrayList<>();

  @Option(
      names = "--strict-origin",
      description =
          "aws:strict-origin-enforcement: every request must carry a matching Origin (at most 5 origins).")
  boolean strictOrigin;

  @Option(
      names = "--single-use",
      description = "Add a random aws:single-use-uuid (token works once; at most 10m lifetime).")
  boolean singleUse;

  @Option(
      names = "--max-resolution",
      paramLabel = "SD|HD|FULL_HD",
      description = "aws:maximum-resolution: ${COMPLETION-CANDIDATES}.")
  MaximumResolution maxResolution;

  @Option(
      names = "--max-token-ttl",
      paramLabel = "D",
      converter = Durations.class,
      description =
          "With --store: the longest TTL allowed, as given to rotate (default 1h). Rotation deletes a retired"
              + " key after that, so a longer-lived token would stop playing early.")
  Duration maxTokenTtl;

  @Option(
      names = "--playback-url",
      paramLabel = "URL",
      description = "Print this playback URL with ?token= appended instead of the bare token.")
  String playbackUrl;

  @Override
  public Integer call() {
    if (ttl != null && expiresAt != null) {
      throw new BadInputException("give --ttl or --expires-at, not both");
    }
    PlaybackClaims.Builder b = PlaybackClaims.builder().clock(env().clock()).channelArn(channelArn);
    if (expiresAt != null) {
      b.expiresAt(expiresAt);
    } else {
      b.expiresIn(ttl != null ? ttl : DEFAULT_TTL);
    }
    origins.forEach(b::allowedOrigin);
    if (strictOrigin) {
      b.strictOriginEnforcement(true);
    }
    if (singleUse) {
      b.randomSingleUseUuid();
    }
    if (viewerId != null) {
      b.viewerId(viewerId);
    }
    if (viewerSessionVersion != null) {
      b.viewerSessionVersion(viewerSessionVersion);
    }
    if (maxResolution != null) {
      b.maximumResolution(maxResolution);
    }
    PlaybackClaims claims = b.build();
    if (keySource.store != null) {
      Duration max =
          maxTokenTtl != null
              ? maxTokenTtl
              : dev.ivsplayback.keys.RotationPolicy.defaults().maxTokenTtl();
      Duration lifetime = Duration.between(env().clock().instant(), claims.expiresAt());
      if (lifetime.compareTo(max) > 0) {
        throw new BadInputException(
            "the token would live "
                + Durations.format(lifetime)
                + ", longer than the key"
                + " store's maximum token TTL "
                + Durations.format(max)
                + " (rotation deletes a retired key after that);"
                + " shorten --ttl/--expires-at or give rotate's --max-token-ttl");
      }
    } else if (maxTokenTtl != null) {
      throw new BadInputException("--max-token-ttl applies only with --store");
    }

    PlaybackTokenSigner signer =
        keySource.privateKey != null
            ? PlaybackTokenSigner.create(
                KeyFiles.privateKey(
                    keySource.privateKey, "--private-key", () -> passphrase.read(env())))
            : StoreSupport.activeSigner(
                keySource.store,
                passphrase,
                database,
                env(),
                snapshot -> checkStoredLimit(snapshot, claims));
    String token = signer.sign(claims);
    String url = playbackUrl == null ? null : PlaybackTokenSigner.appendToken(playbackUrl, token);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("token", token);
    if (url != null) {
      json.put("playbackUrl", url);
    }
    json.put("expiresAt", claims.expiresAt().toString());
    json.put("keyFingerprint", PlaybackKeys.fingerprint(signer.publicKey()));
    json.put("claims", ClaimsJson.toMap(claims));
    print(url != null ? url : token, json);
    return 0;
  }

  /**
   * The store records the fleet's maxTokenTtl (the shortest any rotation may rely on); never mint
   * beyond it.
   */
  private void checkStoredLimit(
      dev.ivsplayback.keys.PlaybackKeyStoreSnapshot snapshot, PlaybackClaims claims) {
    snapshot
        .tokenLimits()
        .ifPresent(
            limits -> {
              Duration lifetime = Duration.between(env().clock().instant(), claims.expiresAt());
              if (lifetime.compareTo(limits.maxTokenTtl()) > 0) {
                throw new BadInputException(
                    "the token would live "
                        + Durations.format(lifetime)
                        + ", longer than the"
                        + " maximum token TTL "
                        + Durations.format(limits.maxTokenTtl())
                        + " recorded in the key store by its"
                        + " rotation (a retired key is deleted after that); shorten --ttl/--expires-at");
              }
            });
  }

  /** Parses --expires-at: an ISO-8601 instant or offset date-time. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e2) {
          throw new TypeConversionException(
              "invalid instant '"
                  + value
                  + "': use ISO-8601 with a zone, e.g. 2030-01-01T00:00:00Z or 2030-01-01T01:00:00+01:00");
        }
      }
    }
  }
}
