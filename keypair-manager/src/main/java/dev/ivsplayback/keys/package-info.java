/**
 * Generation, storage, import, rotation and deletion of IVS playback key pairs, so that tokens keep
 * playing through every rotation.
 *
 * <ul>
 *   <li>{@link dev.ivsplayback.keys.PlaybackKeyManager}: the facade. Lifecycle GENERATED → IMPORTED
 *       → ACTIVE → RETIRING → DELETED → DESTROYED ({@link dev.ivsplayback.keys.PlaybackKeyState})
 *       on an injected clock, reconciliation with IVS, emergency revocation; its {@link
 *       dev.ivsplayback.keys.RotatingPlaybackTokenSigner} always mints with the ACTIVE key. Timing
 *       rules and the deletion-safety argument: {@link dev.ivsplayback.keys.RotationPolicy} and
 *       {@link dev.ivsplayback.keys.FleetTokenLimits}. What it did: {@link
 *       dev.ivsplayback.keys.PlaybackKeyEvent} to a {@link
 *       dev.ivsplayback.keys.PlaybackKeyListener}, {@link
 *       dev.ivsplayback.keys.ReconciliationReport}.
 *   <li>{@link dev.ivsplayback.keys.PlaybackKeyPairGateway}: the one seam to IVS ({@link
 *       dev.ivsplayback.keys.PlaybackKeyPairGateway.RemoteKeyPair}); {@code of(IvsPlaybackClient)}
 *       implements it over ivs-client, and its failures are typed by reason.
 *   <li>{@link dev.ivsplayback.keys.PlaybackKeyStore}: the store SPI (versioned compare-and-set,
 *       time-bounded {@link dev.ivsplayback.keys.StoreLease}), with {@link
 *       dev.ivsplayback.keys.FileSystemPlaybackKeyStore} and {@link
 *       dev.ivsplayback.keys.InMemoryPlaybackKeyStore}; {@link
 *       dev.ivsplayback.keys.ForwardingPlaybackKeyStore} for wrappers that observe or change some
 *       calls. Values: {@link dev.ivsplayback.keys.PlaybackKeyStoreSnapshot} (unique key ids, at
 *       most one ACTIVE key) and {@link dev.ivsplayback.keys.PlaybackKeyRecord}, whose private key
 *       is reachable only through {@link dev.ivsplayback.keys.PlaybackKeyRecord#newSigner()} or,
 *       for store implementations, with the {@link dev.ivsplayback.keys.KeyMaterialAccess}
 *       capability.
 *   <li>{@link dev.ivsplayback.keys.PlaybackKeyGenerator}, {@link
 *       dev.ivsplayback.keys.PlaybackKeyPem}, {@link dev.ivsplayback.keys.PlaybackKeyFiles}: EC
 *       P-384 keys; SPKI, PKCS#8 and encrypted PKCS#8 (PBES2, scrypt, AES-256-CBC, cost {@link
 *       dev.ivsplayback.keys.KeyEncryptionParameters}) through bcpkix; read back through
 *       token-core.
 *   <li>Token reuse: put {@link dev.ivsplayback.token.ReusingPlaybackTokenSigner} (token-core,
 *       generic) in front of the rotating signer, which is a {@link
 *       dev.ivsplayback.token.PlaybackTokenMinter}: it names each token's key by the ACTIVE key's
 *       {@link dev.ivsplayback.token.SigningKeyHandle}, which changes on rotation and on emergency
 *       revocation, so no token of an old key is handed out again; reuse never lengthens a token's
 *       life, so the deletion rule still covers it.
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
 *
 * <p>Internals (not API): {@code dev.ivsplayback.keys.internal} (store file format, encryption at
 * rest, atomic owner-only files, the ivs-client gateway) and {@code
 * dev.ivsplayback.keys.internal.lifecycle} (the manager's lifecycle, one class per job).
 */
package dev.ivsplayback.keys;
