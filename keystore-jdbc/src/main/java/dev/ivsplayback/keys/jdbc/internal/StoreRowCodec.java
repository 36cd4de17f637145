package dev.ivsplayback.keys.jdbc.internal;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.StoreLease;
import dev.ivsplayback.keys.internal.SealedStore;
import dev.ivsplayback.keys.internal.StoreCodec;
import dev.ivsplayback.keys.internal.StoreHistory;
import dev.ivsplayback.keys.internal.StoreKeys;
import dev.ivsplayback.keys.jdbc.internal.StoreTables.KeyRow;
import dev.ivsplayback.keys.jdbc.internal.StoreTables.StoreRow;
import java.util.List;
import java.util.Optional;

/**
 * What the JDBC store checks of the rows it reads: the authenticated body, the store id bound in
 * it, the columns and key rows against it, its size, and that it is not older than one this process
 * has seen.
 *
 * <p>Thread-safe.
 */
public final class StoreRowCodec {
  /** The largest store row body read or written (as the file store's largest file). */
  public static final int MAX_BODY_BYTES =
      dev.ivsplayback.keys.FileSystemPlaybackKeyStore.MAX_STORE_BYTES;

  /**
   * A store row as read.
   *
   * @param snapshot its snapshot, with the lease row's lease
   * @param writes its write count
   * @param keys the keys that authenticated it; null for a store never written
   */
  public record Loaded(PlaybackKeyStoreSnapshot snapshot, long writes, StoreKeys keys) {}

  private final SealedStore sealedStore;
  private final StoreHistory history;
  private final String storeId;
  private final String where;

  /**
   * Creates the checks for one store.
   *
   * @param sealedStore the store's format handler and secret
   * @param history what this process has seen of the store
   * @param storeId the store id
   * @param where the store, for messages
   */
  public StoreRowCodec(
      SealedStore sealedStore, StoreHistory history, String storeId, String where) {
    this.sealedStore = sealedStore;
    this.history = history;
    this.storeId = storeId;
    this.where = where;
  }

  /**
   * Checks and decodes a store row: authenticated, this store's, columns matching the body.
   *
   * @param row the row, empty for a store never written
   * @param lease the lease row's lease
   * @return the contents
   * @throws CorruptKeyStoreException if it is altered or another store's
   */
  public Loaded open(Optional<StoreRow> row, Optional<StoreLease> lease) {
    if (row.isEmpty()) {
      return new Loaded(PlaybackKeyStoreSnapshot.empty().withLease(lease), 0, null);
    }
    StoreRow r = row.get();
    requireBodySize(r.body().length, "read");
    if (!(StoreCodec.open(r.body(), where) instanceof StoreCodec.Sealed sealed)) {
      throw new CorruptKeyStoreException(
          where
              + ": the store row is in the unauthenticated format 1, which this store never writes"
              + " (anyone able to write the table can forge it); refusing to load it");
    }
    SealedStore.Opened opened = sealedStore.open(sealed, history.kdf(), where);
    Optional<String> boundId = opened.contents().storeId();
    if (!boundId.equals(Optional.of(storeId))) {
      throw new CorruptKeyStoreException(
          where
              + ": the store row's authenticated body belongs to store "
              + boundId.map(id -> "'" + id + "'").orElse("(none: a file store's)")
              + ", not to this one: it was copied from another row; refusing to load it");
    }
    PlaybackKeyStoreSnapshot snapshot = opened.contents().snapshot();
    if (snapshot.version() != r.version() || opened.contents().writes() != r.writes()) {
      throw new CorruptKeyStoreException(
          where
              + ": the store row's version/writes columns ("
              + r.version()
              + "/"
              + r.writes()
              + ") differ from its authenticated body ("
              + snapshot.version()
              + "/"
              + opened.contents().writes()
              + "): the row was edited; refusing to load it");
    }
    return new Loaded(snapshot.withLease(lease), opened.contents().writes(), opened.keys());
  }

  /**
   * Checks the key rows against the authenticated snapshot.
   *
   * @param snapshot the snapshot
   * @param rows the key rows as read in the same transaction
   * @throws CorruptKeyStoreException if they differ
   */
  public void requireKeyRowsMatch(PlaybackKeyStoreSnapshot snapshot, List<KeyRow> rows) {
    List<KeyRow> expected = snapshot.keys().stream().map(KeyRow::of).toList();
    if (!expected.equals(rows)) {
      throw new CorruptKeyStoreException(
          where
              + ": the ivs_playback_key rows "
              + rows
              + " disagree with the authenticated store row, which holds "
              + expected
              + ": the table was edited outside this library; refusing to load. Put the rows back"
              + " as the store row holds them (key id, state, fingerprint, ARN, in that order)");
    }
  }

  /**
   * Refuses a row older than one this process had seen before it started reading (rollback), and
   * records it.
   *
   * @param loaded the row as read
   * @param floor what this process had seen before reading
   * @throws CorruptKeyStoreException if it is older
   */
  public void accept(Loaded loaded, StoreHistory.Seen floor) {
    StoreHistory.Seen read = new StoreHistory.Seen(loaded.snapshot().version(), loaded.writes());
    if (read.isOlderThan(floor)) {
      throw new CorruptKeyStoreException(
          where
              + (loaded.keys() == null ? " has no store row (an empty store) at " : " is at ")
              + read
              + ", but this process has already seen "
              + floor
              + ": an older copy of the store was put back, or its row deleted (rollback);"
              + " refusing it");
    }
    history.record(read, loaded.keys() == null ? null : loaded.keys().kdf());
  }

  /**
   * Refuses a body over {@link #MAX_BODY_BYTES}.
   *
   * @param length its length
   * @param doing "read" or "write"
   * @throws PlaybackKeyStoreException {@code STORE_IO} if it is too large
   */
  public void requireBodySize(long length, String doing) {
    if (length > MAX_BODY_BYTES) {
      throw new PlaybackKeyStoreException(
          Reason.STORE_IO,
          where
              + ": refusing to "
              + doing
              + " a store row of "
              + length
              + " bytes, over the "
              + MAX_BODY_BYTES
              + "-byte limit (16 MiB, which no store written by this library reaches)");
    }
  }
}
