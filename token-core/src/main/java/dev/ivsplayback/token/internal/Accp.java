package dev.ivsplayback.token.internal;

import java.security.Provider;

/**
 * Access to the Amazon Corretto Crypto Provider without registering it globally. Its native library
 * may not load on this platform (or the jar may be absent); then ACCP is simply unavailable. Not a
 * public API.
 */
public final class Accp {
  private static final Provider PROVIDER = load();

  private Accp() {}

  /**
   * @return the healthy ACCP provider, or null when it is unavailable here
   */
  public static Provider provider() {
    return PROVIDER;
  }

  private static Provider load() {
    try {
      com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider p =
          com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
      if (p.getLoadingError() != null) {
        return null;
      }
      p.assertHealthy();
      return p;
    } catch (LinkageError | RuntimeException e) {
      // Unavailable on this platform: the signer falls back to another engine.
      return null;
    }
  }
}
