package dev.ivsplayback.local;

/** The health of a simulated live stream, as IVS reports it in GetStream and ListStreams. */
public enum StreamHealth {
  /** The stream is healthy. */
  HEALTHY,
  /** The stream is starving (the encoder sends too little data). */
  STARVING,
  /** Health unknown. */
  UNKNOWN
}
