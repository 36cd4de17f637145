/**
 * Implementation details of {@code dev.ivsplayback.keys}: atomic owner-only file writes, the
 * authenticated store file format and its key derivation, the store directory's ownership and link
 * checks, the per-process store history, private-key encryption at rest, the P-384 check and the
 * seam to ivs-client. Not API: may change in any release.
 */
package dev.ivsplayback.keys.internal;
