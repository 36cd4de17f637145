package dev.ivsplayback.token.internal;

/**
 * An ES384 signing primitive bound to one private key. Implementations are thread-safe (they keep
 * per-thread state). Not a public API.
 */
public interface EcdsaEngine {
  /**
   * Signs {@code data[0, length)} with ECDSA P-384/SHA-384 and writes the 96-byte R‖S signature.
   *
   * @param data the signing input
   * @param length its length
   * @param out destination
   * @param outOffset where the 96 bytes go
   */
  void sign(byte[] data, int length, byte[] out, int outOffset);

  /**
   * The engine's per-thread state (it holds the private key), to erase it in every thread.
   *
   * @return the per-thread state
   */
  PerThreadState<?> perThreadState();
}
