-- ivs-playback JDBC key store, MariaDB and MySQL. Idempotent: safe to run again.
-- One row per store id: the whole store, authenticated (HMAC-SHA256) and with private keys encrypted.
CREATE TABLE IF NOT EXISTS ivs_playback_store (
  store_id   VARCHAR(128) NOT NULL PRIMARY KEY,
  version    BIGINT       NOT NULL,
  writes     BIGINT       NOT NULL,
  body       LONGBLOB     NOT NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- One row per key record, for operators and queries; never a private key. Checked against the store row on every read.
CREATE TABLE IF NOT EXISTS ivs_playback_key (
  store_id    VARCHAR(128)  NOT NULL,
  key_id      VARCHAR(128)  NOT NULL,
  seq         INTEGER       NOT NULL,
  state       VARCHAR(32)   NOT NULL,
  fingerprint VARCHAR(128)  NOT NULL,
  arn         VARCHAR(1024),
  PRIMARY KEY (store_id, key_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- The writer lease of each store, judged by the database's clock (milliseconds since the epoch).
CREATE TABLE IF NOT EXISTS ivs_playback_lease (
  store_id       VARCHAR(128) NOT NULL PRIMARY KEY,
  owner          VARCHAR(200),
  acquired_at_ms BIGINT       NOT NULL,
  expires_at_ms  BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
