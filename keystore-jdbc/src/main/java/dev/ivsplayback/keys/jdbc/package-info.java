/**
 * The key store on a relational database, for a fleet of key managers on several hosts: {@link
 * dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore} on the caller's {@code javax.sql.DataSource},
 * speaking PostgreSQL and MariaDB/MySQL. Implementation details live in {@code
 * dev.ivsplayback.keys.jdbc.internal}, which is not API.
 */
package dev.ivsplayback.keys.jdbc;
