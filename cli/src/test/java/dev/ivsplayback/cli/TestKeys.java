package dev.ivsplayback.cli;

import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyPem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Key fixtures built in code (never loaded from a blob) and written as PEM files. P-384 keys and
 * their PEM come from keypair-manager; the other curves and algorithms, which the library refuses
 * to make, are built here for the rejection tests.
 */
final class TestKeys {
  private static final PlaybackKeyGenerator GENERATOR = PlaybackKeyGenerator.create();

  private TestKeys() {}

  static KeyPair p384() {
    return GENERATOR.generate();
  }

  static KeyPair generate(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** Owner-only, as the cli requires of a private key file. */
  static Path writePrivate(Path dir, String name, KeyPair pair) {
    Path file = dir.resolve(name + ".key.pem");
    PlaybackKeyFiles.writePrivateKey(file, pair.getPrivate());
    return file;
  }

  static Path writePublic(Path dir, String name, KeyPair pair) throws IOException {
    return Files.writeString(
        dir.resolve(name + ".pub.pem"), PlaybackKeyPem.publicKeyPem(pair.getPublic()));
  }
}
