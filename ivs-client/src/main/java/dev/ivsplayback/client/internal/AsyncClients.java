package dev.ivsplayback.client.internal;

import dev.ivsplayback.client.IvsClientConfig;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.ivs.IvsAsyncClient;

/**
 * The Netty side of an {@code IvsPlaybackClient}: its event loops, HTTP client and the two async
 * SDK clients. Built only when something asks for an async client, so that a program that never
 * does starts no Netty thread (and on JDK 24+ triggers none of Netty's {@code sun.misc.Unsafe}
 * warnings). Not a public API.
 */
public final class AsyncClients implements AutoCloseable {
  private final SdkEventLoopGroup eventLoops;
  private final SdkAsyncHttpClient http;
  private final IvsAsyncClient async;
  private final dev.ivsplayback.client.ads.IvsAsyncClient adsAsync;

  private AsyncClients(IvsClientConfig config, ClientOverrideConfiguration override) {
    // Owned here so close() can skip Netty's default 2 s quiet period: nothing is in flight then.
    eventLoops = SdkEventLoopGroup.builder().build();
    SdkAsyncHttpClient nettyClient = null;
    IvsAsyncClient asyncClient = null;
    try {
      nettyClient =
          NettyNioAsyncHttpClient.builder()
              .eventLoopGroup(eventLoops)
              .maxConcurrency(config.maxConnections())
              .connectionTimeout(config.connectTimeout())
              .readTimeout(config.socketTimeout())
              .writeTimeout(config.socketTimeout())
              .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout())
              .build();
      asyncClient =
          configure(IvsAsyncClient.builder().httpClient(nettyClient), config, override).build();
      adsAsync =
          configure(
                  dev.ivsplayback.client.ads.IvsAsyncClient.builder().httpClient(nettyClient),
                  config,
                  override)
              .build();
    } catch (RuntimeException e) {
      for (AutoCloseable c : new AutoCloseable[] {asyncClient, nettyClient}) {
        if (c != null) {
          try {
            c.close();
          } catch (Exception suppressed) {
            e.addSuppressed(suppressed);
          }
        }
      }
      eventLoops.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS);
      throw e;
    }
    http = nettyClient;
    async = asyncClient;
  }

  /**
   * Builds the Netty side.
   *
   * @param config the client configuration
   * @param override the retry strategy, timeouts and interceptor shared with the sync clients
   * @return the clients
   */
  public static AsyncClients create(IvsClientConfig config, ClientOverrideConfiguration override) {
    return new AsyncClients(config, override);
  }

  /**
   * Applies region, credentials and endpoint (each only if configured) and the override
   * configuration to any SDK client builder, sync or async.
   *
   * @param builder the builder
   * @param config the client configuration
   * @param override the shared override configuration
   * @param <B> the builder type
   * @return the builder
   */
  public static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, IvsClientConfig config, ClientOverrideConfiguration override) {
    config.region().ifPresent(builder::region);
    config.credentialsProvider().ifPresent(builder::credentialsProvider);
    config.endpointOverride().ifPresent(builder::endpointOverride);
    return builder.overrideConfiguration(override);
  }

  /** The async SDK client for the 35 operations of SDK 2.40.2. */
  public IvsAsyncClient async() {
    return async;
  }

  /** The generated async client for the six ad-configuration operations. */
  public dev.ivsplayback.client.ads.IvsAsyncClient adsAsync() {
    return adsAsync;
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (AutoCloseable c : new AutoCloseable[] {async, adsAsync, http}) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    eventLoops
        .eventLoopGroup()
        .shutdownGracefully(0, 2, TimeUnit.SECONDS)
        .awaitUninterruptibly(3, TimeUnit.SECONDS);
    if (failure != null) {
      throw failure;
    }
  }
}
