/**
 * The ivs-playback command-line tool and demo. (Work in progress: see issue 6.)
 */
package dev.ivsplayback.cli;
