/**
 * Minting and verifying Amazon IVS private-channel playback tokens (ES384 JWTs): {@code PlaybackClaims}, {@code PlaybackTokenSigner}, {@code PlaybackTokenVerifier} and {@code PlaybackKeys}.
 */
package dev.ivsplayback.token;
