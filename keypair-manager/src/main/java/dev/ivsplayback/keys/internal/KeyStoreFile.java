package dev.ivsplayback.keys.internal;

import static dev.ivsplayback.keys.FileSystemPlaybackKeyStore.MARKER_FILE;
import static dev.ivsplayback.keys.FileSystemPlaybackKeyStore.MAX_STORE_BYTES;
import static dev.ivsplayback.keys.FileSystemPlaybackKeyStore.STORE_FILE;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.KeyMaterialAccess;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The store file of one directory as one store instance reads and writes it: through {@link
 * StoreDirectory} (ownership, no links), {@link StoreCodec} (header, MAC, records) and the
 * instance's {@link PrivateKeyProtector}, with a cache of decrypted private keys so the slow
 * per-key decryption runs once per key. Knows nothing of versions, leases or locks; consults the
 * process {@link StoreHistory} only for the pinned salt and for refusing format 1 after format 2.
 *
 * <p>Thread-safe.
 */
public final class KeyStoreFile {
  private static final byte[] MARKER =
      ("IVS-PLAYBACK-KEYSTORE-MARKER 1\n"
              + "An authenticated ivs-playback key store lives in this directory. While this file"
              + " exists, a missing keystore.json is an error and an unauthenticated one is"
              + " refused.\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final StoreDirectory files;
  private final SealedStore sealedStore;
  private final StoreHistory history;
  private final boolean migrateLegacyFormat;
  private final String where;
  private volatile boolean markerSeen;

  /**
   * A read store file.
   *
   * @param contents the decoded contents; null when there is no file (an empty store)
   * @param keys the store keys that authenticated it; null for format 1 or no file
   * @param legacy whether it is a format-1 file (to be migrated)
   */
  public record Loaded(StoreCodec.Contents contents, StoreKeys keys, boolean legacy) {
    /**
     * The snapshot.
     *
     * @return the contents' snapshot, or the empty store
     */
    public PlaybackKeyStoreSnapshot snapshot() {
      return contents == null ? PlaybackKeyStoreSnapshot.empty() : contents.snapshot();
    }

    /**
     * The write count.
     *
     * @return the contents' write count, or 0
     */
    public long writes() {
      return contents == null ? 0 : contents.writes();
    }
  }

  /**
   * Creates the access.
   *
   * @param files the opened directory
   * @param protector the store's secret
   * @param history what this process has seen of the directory
   * @param migrateLegacyFormat whether a format-1 file may be read (to migrate it)
   * @param access the owning store's capability to read private keys
   */
  public KeyStoreFile(
      StoreDirectory files,
      PrivateKeyProtector protector,
      StoreHistory history,
      boolean migrateLegacyFormat,
      KeyMaterialAccess access) {
    this.files = files;
    this.sealedStore = new SealedStore(protector, access);
    this.history = history;
    this.migrateLegacyFormat = migrateLegacyFormat;
    this.where = files.path().resolve(STORE_FILE).toString();
  }

  /**
   * Reads, checks and decodes the store file. Nothing is returned unless the file passes every
   * check: directory and file ownership and links, header, MAC, and every record.
   *
   * @return the file
   * @throws CorruptKeyStoreException if it is damaged, altered, or refused
   * @throws dev.ivsplayback.keys.PlaybackKeyStoreException {@code DECRYPTION_FAILED} if the secret
   *     is not the store's
   * @throws PlaybackKeyStoreException if it cannot be read
   */
  public Loaded load() {
    Optional<byte[]> bytes;
    try {
      bytes = files.read(STORE_FILE, MAX_STORE_BYTES);
      if (bytes.isEmpty() && files.exists(MARKER_FILE)) {
        throw new CorruptKeyStoreException(
            where
                + " is missing, but "
                + MARKER_FILE
                + " shows a store was written here: the store file was deleted or moved."
                + " Restore it from a backup; only if the store is meant to start empty, delete "
                + MARKER_FILE);
      }
    } catch (StoreDirectory.TooLargeException e) {
      throw new PlaybackKeyStoreException(
          "key store "
              + where
              + " is too large: over "
              + MAX_STORE_BYTES
              + " bytes (MAX_STORE_BYTES, 16 MiB), which no store written by this library reaches;"
              + " refusing to load it",
          e);
    } catch (IOException e) {
      throw new PlaybackKeyStoreException(
          "cannot read key store " + where + ": " + e.getMessage(), e);
    }
    if (bytes.isEmpty()) {
      return new Loaded(null, null, false);
    }
    StoreCodec.Envelope envelope = StoreCodec.open(bytes.get(), where);
    if (envelope instanceof StoreCodec.Legacy legacy) {
      refuseLegacyIfMigrated();
      return new Loaded(sealedStore.openLegacy(legacy.body(), where), null, true);
    }
    SealedStore.Opened opened =
        sealedStore.open((StoreCodec.Sealed) envelope, history.kdf(), where);
    return new Loaded(opened.contents(), opened.keys(), false);
  }

  private void refuseLegacyIfMigrated() {
    String refusal = null;
    if (!migrateLegacyFormat) {
      refusal = "migration of format-1 stores is turned off (Builder.migrateLegacyFormat(false))";
    } else if (history.sawAuthenticated()) {
      refusal = "this process has already read an authenticated store in this directory";
    } else {
      try {
        if (files.exists(MARKER_FILE)) {
          refusal = MARKER_FILE + " shows an authenticated store was already written here";
        }
      } catch (IOException e) {
        throw new PlaybackKeyStoreException(
            "cannot read key store " + where + ": " + e.getMessage(), e);
      }
    }
    if (refusal != null) {
      throw new CorruptKeyStoreException(
          where
              + ": the file is in the unauthenticated format 1, but "
              + refusal
              + "; refusing to load it (anyone able to write the directory can forge that format)");
    }
  }

  /**
   * Writes a snapshot atomically as the next write after {@code basedOn}, then the marker.
   *
   * @param snapshot the snapshot
   * @param basedOn the file it replaces (its keys are reused; a new store gets a fresh salt)
   * @return the file as written
   * @throws PlaybackKeyStoreException if a record is inconsistent or the write fails (the file is
   *     then unchanged)
   */
  public Loaded write(PlaybackKeyStoreSnapshot snapshot, Loaded basedOn) {
    StoreKeys keys = basedOn.keys() != null ? basedOn.keys() : sealedStore.newStoreKeys(where);
    long writes = basedOn.writes() + 1;
    byte[] bytes = sealedStore.seal(snapshot, writes, keys, null, where);
    try {
      files.replace(STORE_FILE, bytes);
    } catch (IOException e) {
      throw new PlaybackKeyStoreException(
          "cannot write key store " + where + " (store unchanged): " + e.getMessage(), e);
    }
    ensureMarker();
    return new Loaded(new StoreCodec.Contents(snapshot, writes), keys, false);
  }

  /**
   * Creates the marker if this instance has not seen it yet (it is written after the store file, so
   * a crash in between leaves a store that gets its marker on the next access).
   *
   * @throws PlaybackKeyStoreException if it cannot be written, or an entry by its name is refused
   */
  public void ensureMarker() {
    if (markerSeen) {
      return;
    }
    try {
      files.createIfMissing(MARKER_FILE, MARKER);
      markerSeen = true;
    } catch (IOException e) {
      throw new PlaybackKeyStoreException(
          "cannot write the key store marker "
              + files.path().resolve(MARKER_FILE)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Overwrites the secret and the keys derived from it, forgets cached private keys. */
  public void destroy() {
    sealedStore.destroy();
  }
}
