/**
 * Implementation details of {@code dev.ivsplayback.keys}: atomic owner-only file writes, the store
 * file format, private-key encryption at rest, the P-384 check and the seam to ivs-client. Not API:
 * may change in any release.
 */
package dev.ivsplayback.keys.internal;
