package dev.ivsplayback.client;

import dev.ivsplayback.client.ads.IvsClient;
import dev.ivsplayback.client.ads.model.CreateAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.CreateAdConfigurationResponse;
import dev.ivsplayback.client.ads.model.DeleteAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.DeleteAdConfigurationResponse;
import dev.ivsplayback.client.ads.model.GetAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.GetAdConfigurationResponse;
import dev.ivsplayback.client.ads.model.InsertAdBreakRequest;
import dev.ivsplayback.client.ads.model.InsertAdBreakResponse;
import dev.ivsplayback.client.ads.model.ListAdConfigurationsRequest;
import dev.ivsplayback.client.ads.model.ListAdConfigurationsResponse;
import dev.ivsplayback.client.ads.model.UpdateAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.UpdateAdConfigurationResponse;
import dev.ivsplayback.client.internal.AdExceptionTranslator;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The six IVS ad-configuration operations that {@code software.amazon.awssdk:ivs} 2.40.2 lacks
 * (CreateAdConfiguration, GetAdConfiguration, UpdateAdConfiguration, DeleteAdConfiguration,
 * ListAdConfigurations, InsertAdBreak), sync. Obtained from {@link
 * IvsPlaybackClient#adConfigurations()}; {@link #async()} has the same operations returning
 * futures, and {@link IvsPlaybackClient#listAdConfigurations()} streams every ad configuration.
 *
 * <p>Method names, request and response types mirror what the SDK's own {@code IvsClient} will
 * have: the types live in {@code dev.ivsplayback.client.ads.model} and were generated from the IVS
 * service model by the AWS SDK's code generator (immutable, with builders and {@code toBuilder()}).
 * Each call goes through an SDK client built from the same {@link IvsClientConfig} as {@link
 * IvsPlaybackClient#sync()}: the same HTTP client, credentials, region, endpoint, timeouts, retry
 * strategy, interceptor (client-side rate limits, if on) and SigV4 signer. IVS's errors arrive as
 * the SDK's exceptions ({@code software.amazon.awssdk.services.ivs.model.ValidationException},
 * {@code ResourceNotFoundException}, {@code ConflictException}, ...) with IVS's message, request id
 * and status code.
 *
 * <p>Retries: Get, List, Update and Delete are retried like the other reads, updates and deletes;
 * CreateAdConfiguration and InsertAdBreak (a second call makes a second configuration or a second
 * ad break) only when the failed attempt certainly was not applied. IVS documents no TPS quota for
 * these six, so client-side rate limits do not hold them back.
 *
 * <p>Once a newer {@code software.amazon.awssdk:ivs} has these operations, call them on {@link
 * IvsPlaybackClient#sync()} instead (same method names, types from {@code
 * software.amazon.awssdk.services.ivs.model}); this class will then be deprecated.
 *
 * <p>Thread-safe; closed with the owning {@link IvsPlaybackClient}.
 */
public final class AdConfigurations {
  private final IvsClient ads;
  private final Supplier<AsyncAdConfigurations> async;

  AdConfigurations(IvsClient ads, Supplier<AsyncAdConfigurations> async) {
    this.ads = ads;
    this.async = async;
  }

  /** The same six operations on the async client (Netty), returning futures. */
  public AsyncAdConfigurations async() {
    return async.get(); // built on first use, with the owning client's Netty side
  }

  /**
   * Creates an ad configuration (CreateAdConfiguration).
   *
   * @throws software.amazon.awssdk.services.ivs.model.ValidationException if a member breaks the
   *     model's constraints (1..3 MediaTailor playback configurations are required)
   * @throws software.amazon.awssdk.services.ivs.model.IvsException for any other IVS error
   *     (ServiceQuotaExceededException, ConflictException, AccessDeniedException, ...)
   */
  public CreateAdConfigurationResponse createAdConfiguration(CreateAdConfigurationRequest request) {
    return AdExceptionTranslator.call(() -> ads.createAdConfiguration(request));
  }

  /** Creates an ad configuration from a request built in place. */
  public CreateAdConfigurationResponse createAdConfiguration(
      Consumer<CreateAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.call(() -> ads.createAdConfiguration(request));
  }

  /**
   * Gets an ad configuration (GetAdConfiguration).
   *
   * @throws software.amazon.awssdk.services.ivs.model.ResourceNotFoundException if IVS has none
   *     with this ARN
   */
  public GetAdConfigurationResponse getAdConfiguration(GetAdConfigurationRequest request) {
    return AdExceptionTranslator.call(() -> ads.getAdConfiguration(request));
  }

  /** Gets an ad configuration from a request built in place. */
  public GetAdConfigurationResponse getAdConfiguration(
      Consumer<GetAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.call(() -> ads.getAdConfiguration(request));
  }

  /**
   * Updates an ad configuration (UpdateAdConfiguration); members left out keep their value.
   *
   * @throws software.amazon.awssdk.services.ivs.model.ResourceNotFoundException if IVS has none
   *     with this ARN
   */
  public UpdateAdConfigurationResponse updateAdConfiguration(UpdateAdConfigurationRequest request) {
    return AdExceptionTranslator.call(() -> ads.updateAdConfiguration(request));
  }

  /** Updates an ad configuration from a request built in place. */
  public UpdateAdConfigurationResponse updateAdConfiguration(
      Consumer<UpdateAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.call(() -> ads.updateAdConfiguration(request));
  }

  /**
   * Deletes an ad configuration (DeleteAdConfiguration). As for every delete, a
   * ResourceNotFoundException may mean that an earlier attempt of this call deleted it.
   *
   * @throws software.amazon.awssdk.services.ivs.model.ConflictException if a channel still uses it
   * @throws software.amazon.awssdk.services.ivs.model.ResourceNotFoundException if IVS has none
   *     with this ARN
   */
  public DeleteAdConfigurationResponse deleteAdConfiguration(DeleteAdConfigurationRequest request) {
    return AdExceptionTranslator.call(() -> ads.deleteAdConfiguration(request));
  }

  /** Deletes an ad configuration from a request built in place. */
  public DeleteAdConfigurationResponse deleteAdConfiguration(
      Consumer<DeleteAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.call(() -> ads.deleteAdConfiguration(request));
  }

  /**
   * One page of ad configurations (ListAdConfigurations); {@link
   * IvsPlaybackClient#listAdConfigurations(ListAdConfigurationsRequest)} streams all pages.
   */
  public ListAdConfigurationsResponse listAdConfigurations(ListAdConfigurationsRequest request) {
    return AdExceptionTranslator.call(() -> ads.listAdConfigurations(request));
  }

  /** One page of ad configurations, from a request built in place. */
  public ListAdConfigurationsResponse listAdConfigurations(
      Consumer<ListAdConfigurationsRequest.Builder> request) {
    return AdExceptionTranslator.call(() -> ads.listAdConfigurations(request));
  }

  /**
   * Inserts an ad break of 1..300 seconds into a live channel's stream, using the channel's ad
   * configuration (InsertAdBreak).
   *
   * @throws software.amazon.awssdk.services.ivs.model.ChannelNotBroadcastingException if the
   *     channel is offline
   * @throws software.amazon.awssdk.services.ivs.model.ResourceNotFoundException if the channel does
   *     not exist
   */
  public InsertAdBreakResponse insertAdBreak(InsertAdBreakRequest request) {
    return AdExceptionTranslator.call(() -> ads.insertAdBreak(request));
  }

  /** Inserts an ad break from a request built in place. */
  public InsertAdBreakResponse insertAdBreak(Consumer<InsertAdBreakRequest.Builder> request) {
    return AdExceptionTranslator.call(() -> ads.insertAdBreak(request));
  }
}
