package dev.ivsplayback.token;

/**
 * Values of the {@code aws:maximum-resolution} claim: the viewer receives renditions up to this
 * resolution. The enum constant names are the wire values.
 */
public enum MaximumResolution {
  /** Standard definition. */
  SD,
  /** High definition (720p). */
  HD,
  /** Full high definition (1080p). */
  FULL_HD
}
