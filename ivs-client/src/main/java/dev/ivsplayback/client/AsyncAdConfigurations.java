package dev.ivsplayback.client;

import dev.ivsplayback.client.ads.IvsAsyncClient;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The six IVS ad-configuration operations on the async SDK client (Netty): the same methods as
 * {@link AdConfigurations}, returning futures. Obtained from {@link
 * IvsPlaybackClient#adConfigurations()}{@code .async()}.
 *
 * <p>A failed call completes its future exceptionally with a {@link
 * java.util.concurrent.CompletionException} whose cause is the SDK's exception ({@code
 * software.amazon.awssdk.services.ivs.model.ResourceNotFoundException}, ...), as the SDK's {@code
 * IvsAsyncClient} does; retries, timeouts, credentials and signing are those of {@link
 * IvsPlaybackClient#async()}.
 *
 * <p>Thread-safe; closed with the owning {@link IvsPlaybackClient}.
 */
public final class AsyncAdConfigurations {
  private final IvsAsyncClient ads;

  AsyncAdConfigurations(IvsAsyncClient ads) {
    this.ads = ads;
  }

  /** Creates an ad configuration (CreateAdConfiguration). */
  public CompletableFuture<CreateAdConfigurationResponse> createAdConfiguration(
      CreateAdConfigurationRequest request) {
    return AdExceptionTranslator.async(ads.createAdConfiguration(request));
  }

  /** Creates an ad configuration from a request built in place. */
  public CompletableFuture<CreateAdConfigurationResponse> createAdConfiguration(
      Consumer<CreateAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.async(ads.createAdConfiguration(request));
  }

  /** Gets an ad configuration (GetAdConfiguration). */
  public CompletableFuture<GetAdConfigurationResponse> getAdConfiguration(
      GetAdConfigurationRequest request) {
    return AdExceptionTranslator.async(ads.getAdConfiguration(request));
  }

  /** Gets an ad configuration from a request built in place. */
  public CompletableFuture<GetAdConfigurationResponse> getAdConfiguration(
      Consumer<GetAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.async(ads.getAdConfiguration(request));
  }

  /** Updates an ad configuration (UpdateAdConfiguration); members left out keep their value. */
  public CompletableFuture<UpdateAdConfigurationResponse> updateAdConfiguration(
      UpdateAdConfigurationRequest request) {
    return AdExceptionTranslator.async(ads.updateAdConfiguration(request));
  }

  /** Updates an ad configuration from a request built in place. */
  public CompletableFuture<UpdateAdConfigurationResponse> updateAdConfiguration(
      Consumer<UpdateAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.async(ads.updateAdConfiguration(request));
  }

  /**
   * Deletes an ad configuration (DeleteAdConfiguration). As for every delete, a
   * ResourceNotFoundException may mean that an earlier attempt of this call deleted it.
   */
  public CompletableFuture<DeleteAdConfigurationResponse> deleteAdConfiguration(
      DeleteAdConfigurationRequest request) {
    return AdExceptionTranslator.async(ads.deleteAdConfiguration(request));
  }

  /** Deletes an ad configuration from a request built in place. */
  public CompletableFuture<DeleteAdConfigurationResponse> deleteAdConfiguration(
      Consumer<DeleteAdConfigurationRequest.Builder> request) {
    return AdExceptionTranslator.async(ads.deleteAdConfiguration(request));
  }

  /**
   * One page of ad configurations (ListAdConfigurations); {@link
   * IvsPlaybackClient#listAdConfigurations(ListAdConfigurationsRequest)} streams all pages (sync).
   */
  public CompletableFuture<ListAdConfigurationsResponse> listAdConfigurations(
      ListAdConfigurationsRequest request) {
    return AdExceptionTranslator.async(ads.listAdConfigurations(request));
  }

  /** One page of ad configurations, from a request built in place. */
  public CompletableFuture<ListAdConfigurationsResponse> listAdConfigurations(
      Consumer<ListAdConfigurationsRequest.Builder> request) {
    return AdExceptionTranslator.async(ads.listAdConfigurations(request));
  }

  /**
   * Inserts an ad break of 1..300 seconds into a live channel's stream, using the channel's ad
   * configuration (InsertAdBreak).
   */
  public CompletableFuture<InsertAdBreakResponse> insertAdBreak(InsertAdBreakRequest request) {
    return AdExceptionTranslator.async(ads.insertAdBreak(request));
  }

  /** Inserts an ad break from a request built in place. */
  public CompletableFuture<InsertAdBreakResponse> insertAdBreak(
      Consumer<InsertAdBreakRequest.Builder> request) {
    return AdExceptionTranslator.async(ads.insertAdBreak(request));
  }
}
