package dev.ivsplayback.keys.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;

/**
 * The user this process runs as, as the file system sees it: the owner of a file the process has
 * just created. {@code user.name} is only a fallback: it can be wrong (a container user without a
 * passwd entry, an overridden system property).
 */
final class ProcessUser {
  private static volatile UserPrincipal user;

  private ProcessUser() {}

  /**
   * The process's user, found once.
   *
   * @return the principal, comparable with {@link Files#getOwner}
   * @throws IOException if neither a probe file nor {@code user.name} gives it
   */
  static UserPrincipal get() throws IOException {
    UserPrincipal found = user;
    if (found == null) {
      found = probe();
      user = found;
    }
    return found;
  }

  private static UserPrincipal probe() throws IOException {
    Path file = null;
    try {
      file = Files.createTempFile("ivs-playback-user", ".probe");
      return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      String name = System.getProperty("user.name");
      try {
        return java.nio.file.FileSystems.getDefault()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(name);
      } catch (IOException | UnsupportedOperationException lookup) {
        IOException failure =
            new IOException(
                "cannot tell which user this process runs as (no temporary file, and user.name '"
                    + name
                    + "' is unknown); the key store checks file owners against it",
                lookup);
        failure.addSuppressed(e);
        throw failure;
      }
    } finally {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    }
  }
}
