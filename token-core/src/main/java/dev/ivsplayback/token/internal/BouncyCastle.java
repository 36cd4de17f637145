package dev.ivsplayback.token.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The library's one BouncyCastle provider instance, used by name and never registered globally (the
 * application's provider list stays as it was). Not a public API.
 */
public final class BouncyCastle {
  /** The provider. */
  public static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
