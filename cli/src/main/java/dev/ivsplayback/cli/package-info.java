/**
 * The {@code ivs-playback} command-line tool and the one-command demo of the whole chain.
 *
 * <p>Entry point: {@link dev.ivsplayback.cli.IvsPlaybackCli}. Commands live in {@code
 * dev.ivsplayback.cli.internal} and are not a Java API.
 */
package dev.ivsplayback.cli;
