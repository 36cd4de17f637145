package dev.ivsplayback.keys;

import java.util.Objects;

/**
 * The capability to read a {@link PlaybackKeyRecord}'s private key ({@link
 * PlaybackKeyRecord#privateKey(KeyMaterialAccess)}). <b>For {@link PlaybackKeyStore}
 * implementations only</b>: a store must persist the private key (encrypted at rest) and nothing
 * else needs it. Code that signs uses {@link PlaybackKeyRecord#newSigner()}, which never exposes
 * the key; the manager itself never reads it.
 *
 * <p>As with Tink's {@code InsecureSecretKeyAccess}, the point is that every read of secret
 * material is explicit and easy to find: {@code grep KeyMaterialAccess} lists them all, and any hit
 * outside a store implementation is a review finding. It is not a sandbox: Java cannot hide a
 * method from one module but not another without JPMS, and a store in another module (e.g. a JDBC
 * store in {@code dev.ivsplayback.keys.jdbc}) must be able to obtain it.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyMaterialAccess {
  private static final KeyMaterialAccess STORE_ACCESS = new KeyMaterialAccess();

  private KeyMaterialAccess() {}

  /**
   * The capability for a store implementation, to call from inside it ({@code
   * KeyMaterialAccess.forStore(this)}).
   *
   * @param store the store implementation asking (not null)
   * @return the capability
   */
  public static KeyMaterialAccess forStore(PlaybackKeyStore store) {
    Objects.requireNonNull(store, "store");
    return STORE_ACCESS;
  }

  @Override
  public String toString() {
    return "KeyMaterialAccess{for PlaybackKeyStore implementations}";
  }
}
