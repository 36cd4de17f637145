/**
 * Implementation details of {@code dev.ivsplayback.keys}: atomic owner-only file writes ({@link
 * dev.ivsplayback.keys.internal.AtomicFiles}), the store file format ({@link
 * dev.ivsplayback.keys.internal.StoreCodec}), private-key encryption at rest ({@link
 * dev.ivsplayback.keys.internal.PrivateKeyProtector} and its two schemes), and the ivs-client
 * implementation of the IVS seam ({@link dev.ivsplayback.keys.internal.ClientKeyPairGateway}, the
 * only class of the module that sees ivs-client or AWS SDK exceptions). The manager's lifecycle is
 * in {@code dev.ivsplayback.keys.internal.lifecycle}. Not API: may change in any release.
 */
package dev.ivsplayback.keys.internal;
