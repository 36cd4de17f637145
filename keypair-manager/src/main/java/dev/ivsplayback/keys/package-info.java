/**
 * Generation, storage, import, rotation and deletion of IVS playback key pairs, so that tokens keep
 * playing through every rotation.
 *
 * <ul>
 *   <li>{@link dev.ivsplayback.keys.PlaybackKeyGenerator}, {@link
 *       dev.ivsplayback.keys.PlaybackKeyPem}, {@link dev.ivsplayback.keys.PlaybackKeyFiles}: EC
 *       P-384 keys; SPKI, PKCS#8 and encrypted PKCS#8 (PBES2, scrypt, AES-256-CBC) through bcpkix;
 *       read back through token-core.
 *   <li>{@link dev.ivsplayback.keys.PlaybackKeyStore}: the store SPI (versioned compare-and-set,
 *       time-bounded lease), with {@link dev.ivsplayback.keys.FileSystemPlaybackKeyStore} and
 *       {@link dev.ivsplayback.keys.InMemoryPlaybackKeyStore}.
 *   <li>{@link dev.ivsplayback.keys.PlaybackKeyManager}: the lifecycle GENERATED → IMPORTED →
 *       ACTIVE → RETIRING → DELETED → DESTROYED on an injected clock, reconciliation with IVS,
 *       emergency revocation, events; its {@link dev.ivsplayback.keys.RotatingPlaybackTokenSigner}
 *       always mints with the ACTIVE key.
 *   <li>Token reuse: put {@link dev.ivsplayback.token.ReusingPlaybackTokenSigner} (token-core,
 *       generic) in front of the rotating signer, which is a {@link
 *       dev.ivsplayback.token.PlaybackTokenMinter}: it identifies the key of each token by the
 *       ACTIVE key's signer object, and the reusing signer compares that on every hit, so after a
 *       rotation or an emergency revocation no token of the old key is handed out again; reuse
 *       never lengthens a token's life, so the deletion rule of {@link
 *       dev.ivsplayback.keys.RotationPolicy} still covers it.
 *   <li>{@link dev.ivsplayback.keys.RotationPolicy}: the timing rules and the safety argument for
 *       deletion times.
 * </ul>
 *
 * <p>Errors: the lifecycle, the signer, the IVS gateway, the stores, key files and the generator
 * throw {@link dev.ivsplayback.keys.PlaybackKeyException} (unchecked, a {@link
 * dev.ivsplayback.token.IvsPlaybackException}); branch on its {@link
 * dev.ivsplayback.keys.PlaybackKeyException.Reason}. Subclasses only where callers branch on the
 * type: {@link dev.ivsplayback.keys.PlaybackKeyStoreException} with {@link
 * dev.ivsplayback.keys.StoreConflictException} and {@link
 * dev.ivsplayback.keys.CorruptKeyStoreException}, and {@link
 * dev.ivsplayback.keys.TokenTtlTooLongException}. Builders and value checks throw token-core's
 * {@link dev.ivsplayback.token.InvalidConfigurationException}; malformed PEM text throws
 * token-core's {@link dev.ivsplayback.token.KeyFormatException}; null arguments throw {@link
 * java.lang.NullPointerException}. No error carries key material.
 */
package dev.ivsplayback.keys;
