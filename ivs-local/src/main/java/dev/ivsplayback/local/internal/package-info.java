/**
 * Implementation of ivs-local, not API.
 *
 * <p>HTTP front:
 *
 * <ul>
 *   <li>{@link dev.ivsplayback.local.internal.IvsHttpHandler}: IVS's restJson1 wire protocol
 *       (SigV4, routing, model validation, faults, throttling, errors), playback URLs and the
 *       {@code /_local/} control API;
 *   <li>{@code ControlGuard}: who may call {@code /_local/} (loopback Host and Origin) and how (GET
 *       only reads; changes need a JSON POST);
 *   <li>{@link dev.ivsplayback.local.internal.WorkerPool}: the server's worker threads and the
 *       per-server header read timeout;
 *   <li>{@link dev.ivsplayback.local.internal.SigV4Verifier}, {@link
 *       dev.ivsplayback.local.internal.ServiceModel} and {@link
 *       dev.ivsplayback.local.internal.ModelValidator} (the bundled service model), {@link
 *       dev.ivsplayback.local.internal.Throttle}, {@link dev.ivsplayback.local.internal.Faults},
 *       {@code Playlists}, {@code Uris}, {@link dev.ivsplayback.local.internal.ApiException}.
 * </ul>
 *
 * <p>Emulated state, behind one lock (the monitor of {@link
 * dev.ivsplayback.local.internal.IvsState}):
 *
 * <ul>
 *   <li>{@link dev.ivsplayback.local.internal.IvsState}: the facade; {@code execute} looks the
 *       operation up in an {@code OperationTable} (name to handler);
 *   <li>one class per resource family, each registering its handlers: {@code ChannelOperations},
 *       {@code StreamKeyOperations}, {@code KeyPairOperations}, {@code ConfigurationOperations}
 *       (recording configurations, playback restriction policies, ad configurations), {@code
 *       StreamOperations} (streams, sessions, metadata, ad breaks, viewer-session revocations,
 *       simulated broadcasts), {@code TagOperations};
 *   <li>the shared data: {@code Resources} (mutable records), {@code StateStore} (registries,
 *       lookups, ARN and id minting, clock);
 *   <li>{@code WireShapes} (IVS's JSON structures; members a structure shares with its summary are
 *       written once) and {@code Paging} (List* pages with opaque tokens, BatchGet* answers).
 * </ul>
 *
 * <p>Playback: {@link dev.ivsplayback.local.internal.PlaybackAuthorizer}, {@code PublicKeyImport},
 * {@code Ids}.
 */
package dev.ivsplayback.local.internal;
