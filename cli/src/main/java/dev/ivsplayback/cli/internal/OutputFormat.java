package dev.ivsplayback.cli.internal;

/** The --output format: text for people, json for scripts. */
public enum OutputFormat {
  /** Human-readable lines. */
  text,
  /** JSON documents (one per line for streams). */
  json
}
