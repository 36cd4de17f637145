/**
 * Implementation details of {@code dev.ivsplayback.keys}: atomic owner-only file writes, the
 * authenticated store file format and its key derivation, the store directory's ownership and link
 * checks, the per-process store history, private-key encryption at rest, the ivs-client
 * implementation of the IVS seam ({@link dev.ivsplayback.keys.internal.ClientKeyPairGateway}, the
 * only class of the module that sees ivs-client or AWS SDK exceptions). The manager's lifecycle is
 * in {@code dev.ivsplayback.keys.internal.lifecycle}. Not API: may change in any release.
 */
package dev.ivsplayback.keys.internal;
