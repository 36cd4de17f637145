/**
 * Minting and verifying Amazon IVS private-channel playback tokens (ES384 JWTs): {@code
 * PlaybackClaims}, {@code PlaybackTokenSigner}, {@code PlaybackTokenVerifier} and {@code
 * PlaybackKeys}.
 *
 * <p>Token reuse: {@code ReusingPlaybackTokenSigner} hands out the same token again for equal
 * claims (ignoring {@code exp}, which it buckets) while enough of the requested lifetime is left,
 * so a flash crowd asking for one channel-wide token costs one signature instead of thousands. It
 * is generic over {@code PlaybackTokenMinter}, which {@code PlaybackTokenSigner} implements (one
 * fixed key) and keypair-manager's {@code RotatingPlaybackTokenSigner} implements too (the ACTIVE
 * key; a reused token is never one of a retired or revoked key). The generic part lives here
 * because it needs only claims and a minter; the rotation-aware part is the minter's key identity.
 */
package dev.ivsplayback.token;
