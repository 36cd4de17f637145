/**
 * Every Amazon IVS control-plane operation through one well-configured client: {@link
 * dev.ivsplayback.client.IvsPlaybackClient} builds the SDK's sync and async IVS clients from one
 * {@link dev.ivsplayback.client.IvsClientConfig} (timeouts, IVS-aware retries, optional client-side
 * TPS limits) and adds lazily paginated lists, batches of any size, viewer revocation, checked
 * timed metadata, a cached {@link dev.ivsplayback.client.ChannelDirectory} and {@link
 * dev.ivsplayback.client.PlaybackKeyPairs}. The six ad-configuration operations that SDK 2.40.2
 * lacks are on {@link dev.ivsplayback.client.AdConfigurations} (types in {@code
 * dev.ivsplayback.client.ads.model}, generated from the IVS service model), so all 41 are covered.
 *
 * <p>Errors from IVS reach callers as the AWS SDK's exceptions with IVS's message; checks made by
 * this library throw {@link dev.ivsplayback.client.IvsClientException} subclasses.
 */
package dev.ivsplayback.client;
