package dev.ivsplayback.cli;

import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.keys.PlaybackKeyPem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * Key files as the cli's keygen writes them, through the library's own writers (the keys themselves
 * come from test-support's {@code TestKeys}).
 */
final class KeyFiles {
  private KeyFiles() {}

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
