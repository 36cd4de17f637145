/**
 * ivs-local: an IVS-compatible HTTP endpoint on 127.0.0.1 that the unmodified AWS SDK talks to. (Work in progress: see issue 3.)
 */
package dev.ivsplayback.local;
