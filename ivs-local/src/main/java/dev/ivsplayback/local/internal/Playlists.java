package dev.ivsplayback.local.internal;

/** The small HLS multivariant playlist that ivs-local serves for an authorized playback request. */
final class Playlists {
  private Playlists() {}

  /**
   * @param maximumResolution SD, HD, FULL_HD or null (no cap), as in the token's
   *     aws:maximum-resolution
   */
  static String multivariant(String maximumResolution) {
    int cap =
        maximumResolution == null
            ? 1080
            : switch (maximumResolution) {
              case "SD" -> 480;
              case "HD" -> 720;
              default -> 1080;
            };
    StringBuilder sb =
        new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    variant(sb, cap, 1080, 1920, 8500000, "chunked");
    variant(sb, cap, 720, 1280, 3000000, "720p30");
    variant(sb, cap, 480, 852, 1200000, "480p30");
    variant(sb, cap, 360, 640, 700000, "360p30");
    return sb.toString();
  }

  private static void variant(
      StringBuilder sb, int cap, int height, int width, int bandwidth, String name) {
    if (height > cap) {
      return;
    }
    sb.append("#EXT-X-STREAM-INF:BANDWIDTH=")
        .append(bandwidth)
        .append(",RESOLUTION=")
        .append(width)
        .append('x')
        .append(height)
        .append(",CODECS=\"avc1.4D401F,mp4a.40.2\",FRAME-RATE=30.000\n")
        .append(name)
        .append("/playlist.m3u8\n");
  }
}
