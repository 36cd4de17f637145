package dev.ivsplayback.keys.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One private Bouncy Castle provider instance; deliberately not registered with {@code Security}.
 */
public final class BouncyCastle {
  /** The provider. */
  public static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
