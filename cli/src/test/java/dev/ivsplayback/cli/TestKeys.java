package dev.ivsplayback.cli;

import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Key fixtures built in code (never loaded from a blob) and written as PEM files. */
final class TestKeys {

  private TestKeys() {}

  static KeyPair p384() {
    return generate("secp384r1");
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
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  static Path writePrivate(Path dir, String name, KeyPair pair) throws IOException {
    return Files.writeString(dir.resolve(name + ".key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  static Path writePublic(Path dir, String name, KeyPair pair) throws IOException {
    return Files.writeString(dir.resolve(name + ".pub.pem"), PlaybackKeys.toPublicKeyPem(pair.getPublic()));
  }
}
