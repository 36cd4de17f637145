package dev.ivsplayback.examples.auth;

import dev.ivsplayback.examples.auth.TokenController.TokenRequest;
import dev.ivsplayback.examples.auth.TokenController.TokenResponse;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code loadtest} profile's ceiling for {@code benchmarks/http-load.sh}: {@code POST
 * /constant-token} reads the same JSON body as {@code /playback-token} and answers a constant
 * {@link TokenResponse} of the same shape and about the same size, with no identity check, channel
 * lookup or signing. What it serves per second is what HTTP, Tomcat, Spring MVC and JSON allow on
 * this server; the token endpoint can only approach it.
 */
@RestController
@Profile("loadtest")
public class ConstantTokenController {
  // The lengths of a real answer: a 12-character channel id, a 324-character ES384 token (viewer
  // alice).
  private static final String TOKEN =
      "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9." + "x".repeat(158) + "." + "y".repeat(128);
  private static final TokenResponse CONSTANT =
      new TokenResponse(
          "http://127.0.0.1:40000/api/video/v1/us-west-2.123456789012.channel.abcdABCDefgh.m3u8"
              + "?token="
              + TOKEN,
          TOKEN,
          "2030-01-01T00:00:00Z");

  @PostMapping("/constant-token")
  TokenResponse constant(@RequestBody TokenRequest request) {
    return CONSTANT;
  }
}
