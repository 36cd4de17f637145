/**
 * Every Amazon IVS control-plane operation through one well-configured client: {@link
 * dev.ivsplayback.client.IvsPlaybackClient} builds the SDK's sync and async IVS clients from one
 * {@link dev.ivsplayback.client.IvsClientConfig} (timeouts, IVS-aware retries, optional client-side
 * TPS limits) and adds lazily paginated lists, batches of any size, viewer revocation, checked
 * timed metadata, a cached {@link dev.ivsplayback.client.ChannelDirectory} and {@link
 * dev.ivsplayback.client.PlaybackKeyPairs}.
 *
 * <p>Errors from IVS reach callers as the AWS SDK's exceptions with IVS's message; checks made by
 * this library throw {@link dev.ivsplayback.client.IvsClientException} subclasses.
 */
package dev.ivsplayback.client;
