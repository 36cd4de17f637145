package dev.ivsplayback.client;

import dev.ivsplayback.client.ads.model.AdConfigurationSummary;
import dev.ivsplayback.client.ads.model.ListAdConfigurationsRequest;
import dev.ivsplayback.client.ads.model.ListAdConfigurationsResponse;
import dev.ivsplayback.client.internal.AsyncClients;
import dev.ivsplayback.client.internal.IvsClientInterceptor;
import dev.ivsplayback.client.internal.IvsRetryStrategy;
import dev.ivsplayback.client.internal.Pages;
import dev.ivsplayback.client.internal.RateLimiters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ivs.IvsAsyncClient;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.BatchError;
import software.amazon.awssdk.services.ivs.model.BatchGetChannelResponse;
import software.amazon.awssdk.services.ivs.model.BatchGetStreamKeyResponse;
import software.amazon.awssdk.services.ivs.model.BatchStartViewerSessionRevocationError;
import software.amazon.awssdk.services.ivs.model.BatchStartViewerSessionRevocationViewerSession;
import software.amazon.awssdk.services.ivs.model.Channel;
import software.amazon.awssdk.services.ivs.model.ChannelSummary;
import software.amazon.awssdk.services.ivs.model.ListChannelsRequest;
import software.amazon.awssdk.services.ivs.model.ListChannelsResponse;
import software.amazon.awssdk.services.ivs.model.ListPlaybackKeyPairsRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackKeyPairsResponse;
import software.amazon.awssdk.services.ivs.model.ListPlaybackRestrictionPoliciesRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackRestrictionPoliciesResponse;
import software.amazon.awssdk.services.ivs.model.ListRecordingConfigurationsRequest;
import software.amazon.awssdk.services.ivs.model.ListRecordingConfigurationsResponse;
import software.amazon.awssdk.services.ivs.model.ListStreamKeysRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamKeysResponse;
import software.amazon.awssdk.services.ivs.model.ListStreamSessionsRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamSessionsResponse;
import software.amazon.awssdk.services.ivs.model.ListStreamsRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamsResponse;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPairSummary;
import software.amazon.awssdk.services.ivs.model.PlaybackRestrictionPolicySummary;
import software.amazon.awssdk.services.ivs.model.RecordingConfigurationSummary;
import software.amazon.awssdk.services.ivs.model.StreamKey;
import software.amazon.awssdk.services.ivs.model.StreamKeySummary;
import software.amazon.awssdk.services.ivs.model.StreamSessionSummary;
import software.amazon.awssdk.services.ivs.model.StreamSummary;

/**
 * Every IVS control-plane operation (all 41 of the IVS service model) through one configuration: a
 * sync {@link IvsClient} (Apache HTTP client) and an async {@link IvsAsyncClient} (Netty) that
 * share the timeouts, the retry strategy, the credentials and the optional client-side rate limits,
 * plus the helpers IVS users otherwise write by hand: lazily paginated streams for all eight list
 * operations, batches of any size, viewer revocation, checked and rate-limited timed metadata, a
 * channel directory and playback key pairs.
 *
 * <p>Call any of the 35 operations of {@code software.amazon.awssdk:ivs} 2.40.2 on {@link #sync()}
 * or {@link #async()} with the SDK's own request types. The six ad-configuration operations that
 * jar lacks (Create/Get/Update/DeleteAdConfiguration, ListAdConfigurations, InsertAdBreak) are on
 * {@link #adConfigurations()} (and its {@link AdConfigurations#async() async()}), with types
 * generated from the service model in {@code dev.ivsplayback.client.ads.model}, through SDK clients
 * built from the same configuration (same HTTP clients, credentials, signer, timeouts, retry
 * strategy and interceptor). Errors from IVS arrive as the SDK's exceptions ({@code
 * software.amazon.awssdk.services.ivs.model}) with IVS's message, for all 41; checks this library
 * makes before a call throw {@link IvsClientException} subclasses.
 *
 * <p>Retries: up to {@link IvsClientConfig#maxAttempts()} attempts with full-jitter exponential
 * backoff on throttling (429), 500/502/503/504, clock skew, transport errors and attempt timeouts.
 * CreateChannel, CreateStreamKey, CreateRecordingConfiguration, CreatePlaybackRestrictionPolicy,
 * CreateAdConfiguration, ImportPlaybackKeyPair, PutMetadata and InsertAdBreak are retried only when
 * the failed attempt certainly was not applied (429, 503, clock skew, connection never
 * established).
 *
 * <p>Thread-safe; create one per application and {@link #close()} it on shutdown.
 *
 * <pre>{@code
 * try (IvsPlaybackClient ivs =
 *     IvsPlaybackClient.create(IvsClientConfig.builder().region("eu-west-1").build())) {
 *   Channel channel = ivs.sync().createChannel(b -> b.name("live").authorized(true)).channel();
 *   ivs.listChannels().forEach(c -> System.out.println(c.arn())); // every page, lazily
 *   ChannelInfo info = ivs.channelDirectory().get(channel.arn()); // cached for later lookups
 * }
 * }</pre>
 */
public final class IvsPlaybackClient implements AutoCloseable {
  /**
   * IVS's PutMetadata limit is "1 KB"; bytes vs characters and 1000 vs 1024 are not documented: the
   * smaller.
   */
  public static final int MAX_METADATA_BYTES = 1000;

  /** Largest number of ARNs IVS takes in one BatchGetChannel or BatchGetStreamKey. */
  public static final int BATCH_GET_CHUNK = 50;

  /** Largest number of viewer sessions IVS takes in one BatchStartViewerSessionRevocation. */
  public static final int BATCH_REVOCATION_CHUNK = 20;

  private final IvsClientConfig config;
  private final ClientOverrideConfiguration override;
  private final SdkHttpClient httpClient;
  private final IvsClient sync;
  private final dev.ivsplayback.client.ads.IvsClient adsSync;
  private final AdConfigurations adConfigurations;
  private final RateLimiters limiters;
  private final ChannelDirectory channelDirectory;
  private final PlaybackKeyPairs playbackKeyPairs;
  private final Object asyncLock = new Object();
  private volatile AsyncClients asyncClients; // built on first use: Netty only when needed
  private boolean closed; // guarded by asyncLock

  private IvsPlaybackClient(IvsClientConfig config) {
    this.config = config;
    this.limiters = new RateLimiters(config.clock(), config.sleeper());
    IvsClientInterceptor interceptor =
        new IvsClientInterceptor(limiters, config.clientSideRateLimits(), config.rateLimitMode());
    IvsRetryStrategy retryStrategy =
        IvsRetryStrategy.builder()
            .maxAttempts(config.maxAttempts())
            .backoffStrategy(
                BackoffStrategy.exponentialDelay(config.retryBaseDelay(), config.maxBackoff()))
            .throttlingBackoffStrategy(
                BackoffStrategy.exponentialDelay(config.throttlingBaseDelay(), config.maxBackoff()))
            .build();
    this.override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(retryStrategy)
            .apiCallTimeout(config.apiCallTimeout())
            .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
            .addExecutionInterceptor(interceptor)
            .build();
    this.httpClient =
        ApacheHttpClient.builder()
            .maxConnections(config.maxConnections())
            .connectionTimeout(config.connectTimeout())
            .socketTimeout(config.socketTimeout())
            .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout())
            .build();
    IvsClient syncClient = null;
    try {
      syncClient =
          AsyncClients.configure(IvsClient.builder().httpClient(httpClient), config, override)
              .build();
      // The generated ad-configuration client: the same HTTP client and settings.
      this.adsSync =
          AsyncClients.configure(
                  dev.ivsplayback.client.ads.IvsClient.builder().httpClient(httpClient),
                  config,
                  override)
              .build();
    } catch (RuntimeException e) {
      closeQuietly(e, syncClient, httpClient);
      throw e;
    }
    this.sync = syncClient;
    this.adConfigurations =
        new AdConfigurations(adsSync, () -> new AsyncAdConfigurations(asyncClients().adsAsync()));
    this.channelDirectory = new ChannelDirectory(sync, config);
    interceptor.onChannelChanged(channelDirectory::invalidate);
    this.playbackKeyPairs = new PlaybackKeyPairs(sync, config.maxAttempts());
  }

  private AsyncClients asyncClients() {
    AsyncClients a = asyncClients;
    if (a == null) {
      synchronized (asyncLock) {
        a = asyncClients;
        if (a == null) {
          if (closed) {
            throw new IvsClientException("this IvsPlaybackClient is closed");
          }
          a = AsyncClients.create(config, override);
          asyncClients = a;
        }
      }
    }
    return a;
  }

  /** Builds the clients described by the configuration. */
  public static IvsPlaybackClient create(IvsClientConfig config) {
    if (config == null) {
      throw new dev.ivsplayback.token.InvalidConfigurationException(
          "config", "is required and was null");
    }
    return new IvsPlaybackClient(config);
  }

  /** The configuration this client was built from. */
  public IvsClientConfig config() {
    return config;
  }

  /**
   * The configured sync SDK client, for any of the 35 operations of SDK 2.40.2 (the other six are
   * on {@link #adConfigurations()}). Closed by {@link #close()}.
   */
  public IvsClient sync() {
    return sync;
  }

  /**
   * The configured async SDK client, for any of the 35 operations of SDK 2.40.2 (the other six are
   * on {@link #adConfigurations()}{@code .async()}). Closed by {@link #close()}.
   */
  public IvsAsyncClient async() {
    return asyncClients().async();
  }

  /**
   * The six ad-configuration operations SDK 2.40.2 lacks (CreateAdConfiguration,
   * GetAdConfiguration, UpdateAdConfiguration, DeleteAdConfiguration, ListAdConfigurations,
   * InsertAdBreak), sync, and async through {@link AdConfigurations#async()}; same configuration
   * and SDK exceptions as {@link #sync()}. Closed by {@link #close()}.
   */
  public AdConfigurations adConfigurations() {
    return adConfigurations;
  }

  /** Playback key pairs: import (checked, idempotent), list with fingerprints, find, delete. */
  public PlaybackKeyPairs playbackKeyPairs() {
    return playbackKeyPairs;
  }

  /** The cached channel lookup for authorization servers. */
  public ChannelDirectory channelDirectory() {
    return channelDirectory;
  }

  // ---- Lists: lazy streams; a page is fetched when the previous one is used up. Filters and
  // maxResults pass through.

  /** All channels matching the request's filters. */
  public Stream<ChannelSummary> listChannels(ListChannelsRequest request) {
    ListChannelsRequest first = nonNull("request", request);
    return Pages.stream(
        t -> sync.listChannels(first.toBuilder().nextToken(t).build()),
        ListChannelsResponse::channels,
        ListChannelsResponse::nextToken,
        first.nextToken());
  }

  /** All channels. */
  public Stream<ChannelSummary> listChannels() {
    return listChannels(ListChannelsRequest.builder().build());
  }

  /** All stream keys of the request's channel. */
  public Stream<StreamKeySummary> listStreamKeys(ListStreamKeysRequest request) {
    ListStreamKeysRequest first = nonNull("request", request);
    Checks.requireText("channelArn", first.channelArn());
    return Pages.stream(
        t -> sync.listStreamKeys(first.toBuilder().nextToken(t).build()),
        ListStreamKeysResponse::streamKeys,
        ListStreamKeysResponse::nextToken,
        first.nextToken());
  }

  /** All stream keys of a channel. */
  public Stream<StreamKeySummary> listStreamKeys(String channelArn) {
    return listStreamKeys(ListStreamKeysRequest.builder().channelArn(channelArn).build());
  }

  /** All live streams matching the request's filter. */
  public Stream<StreamSummary> listStreams(ListStreamsRequest request) {
    ListStreamsRequest first = nonNull("request", request);
    return Pages.stream(
        t -> sync.listStreams(first.toBuilder().nextToken(t).build()),
        ListStreamsResponse::streams,
        ListStreamsResponse::nextToken,
        first.nextToken());
  }

  /** All live streams. */
  public Stream<StreamSummary> listStreams() {
    return listStreams(ListStreamsRequest.builder().build());
  }

  /** All stream sessions of the request's channel. */
  public Stream<StreamSessionSummary> listStreamSessions(ListStreamSessionsRequest request) {
    ListStreamSessionsRequest first = nonNull("request", request);
    Checks.requireText("channelArn", first.channelArn());
    return Pages.stream(
        t -> sync.listStreamSessions(first.toBuilder().nextToken(t).build()),
        ListStreamSessionsResponse::streamSessions,
        ListStreamSessionsResponse::nextToken,
        first.nextToken());
  }

  /** All stream sessions of a channel. */
  public Stream<StreamSessionSummary> listStreamSessions(String channelArn) {
    return listStreamSessions(ListStreamSessionsRequest.builder().channelArn(channelArn).build());
  }

  /**
   * All playback key pairs (without fingerprints; see {@link
   * PlaybackKeyPairs#listWithFingerprints()}).
   */
  public Stream<PlaybackKeyPairSummary> listPlaybackKeyPairs(ListPlaybackKeyPairsRequest request) {
    ListPlaybackKeyPairsRequest first = nonNull("request", request);
    return Pages.stream(
        t -> sync.listPlaybackKeyPairs(first.toBuilder().nextToken(t).build()),
        ListPlaybackKeyPairsResponse::keyPairs,
        ListPlaybackKeyPairsResponse::nextToken,
        first.nextToken());
  }

  /** All playback key pairs. */
  public Stream<PlaybackKeyPairSummary> listPlaybackKeyPairs() {
    return listPlaybackKeyPairs(ListPlaybackKeyPairsRequest.builder().build());
  }

  /** All recording configurations. */
  public Stream<RecordingConfigurationSummary> listRecordingConfigurations(
      ListRecordingConfigurationsRequest request) {
    ListRecordingConfigurationsRequest first = nonNull("request", request);
    return Pages.stream(
        t -> sync.listRecordingConfigurations(first.toBuilder().nextToken(t).build()),
        ListRecordingConfigurationsResponse::recordingConfigurations,
        ListRecordingConfigurationsResponse::nextToken,
        first.nextToken());
  }

  /** All recording configurations. */
  public Stream<RecordingConfigurationSummary> listRecordingConfigurations() {
    return listRecordingConfigurations(ListRecordingConfigurationsRequest.builder().build());
  }

  /** All playback restriction policies. */
  public Stream<PlaybackRestrictionPolicySummary> listPlaybackRestrictionPolicies(
      ListPlaybackRestrictionPoliciesRequest request) {
    ListPlaybackRestrictionPoliciesRequest first = nonNull("request", request);
    return Pages.stream(
        t -> sync.listPlaybackRestrictionPolicies(first.toBuilder().nextToken(t).build()),
        ListPlaybackRestrictionPoliciesResponse::playbackRestrictionPolicies,
        ListPlaybackRestrictionPoliciesResponse::nextToken,
        first.nextToken());
  }

  /** All playback restriction policies. */
  public Stream<PlaybackRestrictionPolicySummary> listPlaybackRestrictionPolicies() {
    return listPlaybackRestrictionPolicies(
        ListPlaybackRestrictionPoliciesRequest.builder().build());
  }

  /** All ad configurations. */
  public Stream<AdConfigurationSummary> listAdConfigurations(ListAdConfigurationsRequest request) {
    ListAdConfigurationsRequest first = nonNull("request", request);
    return Pages.stream(
        t -> adConfigurations.listAdConfigurations(first.toBuilder().nextToken(t).build()),
        ListAdConfigurationsResponse::adConfigurations,
        ListAdConfigurationsResponse::nextToken,
        first.nextToken());
  }

  /** All ad configurations. */
  public Stream<AdConfigurationSummary> listAdConfigurations() {
    return listAdConfigurations(ListAdConfigurationsRequest.builder().build());
  }

  // ---- Batches of any size.

  /**
   * BatchGetChannel over any number of ARNs: duplicates dropped (first occurrence kept), chunks of
   * 50, channels and per-ARN errors merged in order. An empty collection makes no call.
   *
   * @throws InvalidRequestException if the collection or an ARN is null or blank
   */
  public BatchGetResult<Channel> batchGetChannels(Collection<String> channelArns) {
    return batchGet(
        "channelArns",
        channelArns,
        chunk -> {
          BatchGetChannelResponse r = sync.batchGetChannel(b -> b.arns(chunk));
          return new BatchGetResult<>(r.channels(), r.errors());
        });
  }

  /** BatchGetStreamKey over any number of ARNs; as {@link #batchGetChannels(Collection)}. */
  public BatchGetResult<StreamKey> batchGetStreamKeys(Collection<String> streamKeyArns) {
    return batchGet(
        "streamKeyArns",
        streamKeyArns,
        chunk -> {
          BatchGetStreamKeyResponse r = sync.batchGetStreamKey(b -> b.arns(chunk));
          return new BatchGetResult<>(r.streamKeys(), r.errors());
        });
  }

  private static <T> BatchGetResult<T> batchGet(
      String field, Collection<String> arns, Function<List<String>, BatchGetResult<T>> call) {
    if (arns == null) {
      throw new InvalidRequestException(field, field + " is required but was null");
    }
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String arn : arns) {
      unique.add(Checks.requireText(field + " element", arn));
    }
    List<String> all = new ArrayList<>(unique);
    List<T> items = new ArrayList<>();
    List<BatchError> errors = new ArrayList<>();
    for (int from = 0; from < all.size(); from += BATCH_GET_CHUNK) {
      BatchGetResult<T> part =
          call.apply(all.subList(from, Math.min(all.size(), from + BATCH_GET_CHUNK)));
      items.addAll(part.items());
      errors.addAll(part.errors());
    }
    return new BatchGetResult<>(items, errors);
  }

  // ---- Viewer revocation.

  /**
   * Starts revoking every session of a viewer on a channel whose {@code aws:viewer-session-version}
   * is at most {@code upToVersion} (StartViewerSessionRevocation). Tokens minted later should carry
   * a higher version.
   *
   * @throws InvalidRequestException if an argument breaks IVS's rules (viewerId 1..40 characters,
   *     version at least 0)
   */
  public void revokeViewer(String channelArn, String viewerId, int upToVersion) {
    ViewerRevocation revocation = new ViewerRevocation(channelArn, viewerId, upToVersion);
    sync.startViewerSessionRevocation(
        b ->
            b.channelArn(revocation.channelArn())
                .viewerId(revocation.viewerId())
                .viewerSessionVersionsLessThanOrEqualTo(revocation.upToVersion()));
  }

  /**
   * BatchStartViewerSessionRevocation over any number of revocations, in chunks of 20; the
   * per-session errors IVS reports are merged. An empty collection makes no call.
   */
  public BatchRevocationResult revokeViewers(Collection<ViewerRevocation> revocations) {
    if (revocations == null) {
      throw new InvalidRequestException("revocations", "revocations is required but was null");
    }
    List<BatchStartViewerSessionRevocationViewerSession> sessions = new ArrayList<>();
    for (ViewerRevocation r : revocations) {
      if (r == null) {
        throw new InvalidRequestException(
            "revocations element", "revocations must not contain null");
      }
      sessions.add(
          BatchStartViewerSessionRevocationViewerSession.builder()
              .channelArn(r.channelArn())
              .viewerId(r.viewerId())
              .viewerSessionVersionsLessThanOrEqualTo(r.upToVersion())
              .build());
    }
    List<BatchStartViewerSessionRevocationError> errors = new ArrayList<>();
    for (int from = 0; from < sessions.size(); from += BATCH_REVOCATION_CHUNK) {
      List<BatchStartViewerSessionRevocationViewerSession> chunk =
          sessions.subList(from, Math.min(sessions.size(), from + BATCH_REVOCATION_CHUNK));
      errors.addAll(sync.batchStartViewerSessionRevocation(b -> b.viewerSessions(chunk)).errors());
    }
    return new BatchRevocationResult(sessions.size(), errors);
  }

  // ---- Timed metadata.

  /**
   * PutMetadata with the configured {@link IvsClientConfig#rateLimitMode()}.
   *
   * @see #putMetadata(String, String, RateLimitMode)
   */
  public void putMetadata(String channelArn, String metadata) {
    putMetadata(channelArn, metadata, config.rateLimitMode());
  }

  /**
   * Inserts timed metadata into the channel's live stream, after checking its size and taking a
   * slot under the channel's 5 TPS limit (and the account's 155 TPS when client-side rate limits
   * are on).
   *
   * @param mode wait for a free slot or fail fast
   * @throws InvalidRequestException if the channel ARN or metadata is null or empty
   * @throws MetadataTooLargeException if the metadata is over {@value #MAX_METADATA_BYTES} bytes in
   *     UTF-8
   * @throws RateLimitExceededException in fail-fast mode when the channel's limit is reached
   * @throws software.amazon.awssdk.services.ivs.model.ChannelNotBroadcastingException if the
   *     channel is offline
   */
  public void putMetadata(String channelArn, String metadata, RateLimitMode mode) {
    Checks.requireText("channelArn", channelArn);
    if (metadata == null || metadata.isEmpty()) {
      throw new InvalidRequestException(
          "metadata", "metadata is required and must be at least 1 character");
    }
    if (mode == null) {
      throw new InvalidRequestException("mode", "mode is required but was null");
    }
    int size = metadata.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_METADATA_BYTES) {
      throw new MetadataTooLargeException(size, MAX_METADATA_BYTES);
    }
    limiters.acquireMetadata(channelArn, mode);
    if (config.clientSideRateLimits()) {
      limiters.acquireOperation("PutMetadata", mode);
    }
    sync.putMetadata(
        b ->
            b.channelArn(channelArn)
                .metadata(metadata)
                .overrideConfiguration(
                    AwsRequestOverrideConfiguration.builder()
                        .putExecutionAttribute(IvsClientInterceptor.RATE_LIMITED, Boolean.TRUE)
                        .build()));
  }

  /**
   * Closes the SDK clients (including the ad-configuration ones) and the HTTP clients; the Netty
   * side only if it was ever used.
   */
  @Override
  public void close() {
    AsyncClients a;
    synchronized (asyncLock) {
      closed = true;
      a = asyncClients;
    }
    RuntimeException failure = null;
    for (AutoCloseable c : new AutoCloseable[] {sync, adsSync, httpClient, a}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IvsClientException("failed to close " + c.getClass().getSimpleName(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static <T> T nonNull(String field, T value) {
    if (value == null) {
      throw new InvalidRequestException(field, field + " is required but was null");
    }
    return value;
  }

  private static void closeQuietly(RuntimeException primary, AutoCloseable... closeables) {
    for (AutoCloseable c : closeables) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          primary.addSuppressed(e);
        }
      }
    }
  }
}
