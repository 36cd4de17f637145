package dev.ivsplayback.spring;

import dev.ivsplayback.client.ChannelDirectory;
import dev.ivsplayback.token.MintedToken;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A minimal application using the starter: one token endpoint. */
@SpringBootApplication
public class TestApp {

  /** {@code GET /token?channel=ARN[&viewer=ID]}: the playback URL with a token. */
  @RestController
  static class TokenController {
    private final PlaybackTokenMinter perViewer;
    private final PlaybackTokenMinter channelWide;
    private final ChannelDirectory channels;

    TokenController(
        PlaybackTokenMinter perViewer,
        @ChannelWide PlaybackTokenMinter channelWide,
        ChannelDirectory channels) {
      this.perViewer = perViewer;
      this.channelWide = channelWide;
      this.channels = channels;
    }

    @GetMapping("/token")
    Map<String, String> token(
        @RequestParam("channel") String channel,
        @RequestParam(name = "viewer", required = false) String viewer) {
      PlaybackClaims.Builder claims =
          PlaybackClaims.builder().channelArn(channel).expiresIn(Duration.ofMinutes(5));
      MintedToken t =
          viewer == null
              ? channelWide.mint(claims.build())
              : perViewer.mint(claims.viewerId(viewer).build());
      return Map.of("playbackUrl", channels.playbackUrl(channel, t.token()), "token", t.token());
    }
  }
}
