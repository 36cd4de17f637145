/** The CLI's commands and helpers; not a public Java API. */
package dev.ivsplayback.cli.internal;
