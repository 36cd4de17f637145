package dev.ivsplayback.client;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.ivsplayback.token.IvsPlaybackException;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;

/**
 * A cache of each channel's {@code authorized} flag and playback URL, for the lookup an
 * authorization server makes on every viewer request: a hit makes no network call.
 *
 * <p>Entries expire {@link IvsClientConfig#channelDirectoryTtl()} after loading and are reloaded in
 * the background (the stale value is served meanwhile) when looked up more than {@link
 * IvsClientConfig#channelDirectoryRefreshAfter()} after loading; a failed background reload keeps
 * the old value until it expires. At most {@link IvsClientConfig#channelDirectoryMaximumSize()}
 * channels are held. A channel IVS does not know is cached as absent too, so lookups of unknown
 * ARNs cannot flood GetChannel. UpdateChannel and DeleteChannel calls made through the owning
 * {@link IvsPlaybackClient} (its helpers or its SDK clients) invalidate the channel's entry;
 * changes made elsewhere show after at most the refresh age (for channels in use) or the TTL.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * ChannelDirectory channels = ivs.channelDirectory(); // one per IvsPlaybackClient
 * Optional<ChannelInfo> channel = channels.find(channelArn); // empty: IVS does not know it
 * if (channel.isPresent() && channel.get().authorized()) {
 *   String url = channels.playbackUrl(channelArn, signer.sign(claims));
 * }
 * }</pre>
 */
public final class ChannelDirectory {
  private final IvsClient ivs;
  private final LoadingCache<String, Optional<ChannelInfo>> cache;

  ChannelDirectory(IvsClient ivs, IvsClientConfig config) {
    this.ivs = ivs;
    Clock clock = config.clock();
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(config.channelDirectoryTtl())
            .refreshAfterWrite(config.channelDirectoryRefreshAfter())
            .maximumSize(config.channelDirectoryMaximumSize())
            .executor(config.channelDirectoryExecutor())
            .ticker(() -> nanos(clock.instant()))
            .recordStats()
            .build(this::load);
  }

  private Optional<ChannelInfo> load(String channelArn) {
    try {
      return Optional.of(ChannelInfo.of(ivs.getChannel(r -> r.arn(channelArn)).channel()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The channel, from the cache or from GetChannel on a miss.
   *
   * @return empty if IVS has no such channel
   * @throws InvalidRequestException if the ARN is null or blank
   * @throws software.amazon.awssdk.services.ivs.model.IvsException if GetChannel fails for another
   *     reason
   */
  public Optional<ChannelInfo> find(String channelArn) {
    return cache.get(Checks.requireText("channelArn", channelArn));
  }

  /**
   * The channel, which must exist.
   *
   * @throws ChannelNotFoundException if IVS has no such channel
   */
  public ChannelInfo get(String channelArn) {
    return find(channelArn).orElseThrow(() -> new ChannelNotFoundException(channelArn));
  }

  /**
   * Whether playback of the channel requires a signed token.
   *
   * @throws ChannelNotFoundException if IVS has no such channel
   */
  public boolean isAuthorized(String channelArn) {
    return get(channelArn).authorized();
  }

  /**
   * The channel's playback URL.
   *
   * @throws ChannelNotFoundException if IVS has no such channel
   */
  public String playbackUrl(String channelArn) {
    return get(channelArn).playbackUrl();
  }

  /**
   * The channel's playback URL with a playback token appended as the {@code token} query parameter,
   * the form IVS players accept: by token-core's {@link PlaybackTokenSigner#appendToken}, so a
   * {@code #fragment} stays at the end and a URL that already has a {@code token} parameter is
   * refused rather than given a second one.
   *
   * @throws ChannelNotFoundException if IVS has no such channel
   * @throws InvalidRequestException if the token is null or blank
   * @throws IvsPlaybackException if the channel's playback URL already carries a {@code token}
   *     parameter
   */
  public String playbackUrl(String channelArn, String token) {
    Checks.requireText("token", token);
    return withToken(playbackUrl(channelArn), token);
  }

  /** A JWT is URL-safe as is; encoding keeps anything else from breaking the URL, as before. */
  static String withToken(String playbackUrl, String token) {
    return PlaybackTokenSigner.appendToken(
        playbackUrl, URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  /** Drops the channel's entry; the next lookup calls GetChannel. */
  public void invalidate(String channelArn) {
    if (channelArn != null) {
      cache.invalidate(channelArn);
    }
  }

  /** Drops every entry. */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  /** Approximate number of cached channels (present and absent). */
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /** Hit, miss and load counts since creation. */
  public CacheStats stats() {
    return cache.stats();
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
