package dev.ivsplayback.examples.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The auth server: {@code POST /playback-token}. Run with the {@code local} profile for ivs-local.
 */
@SpringBootApplication
@EnableConfigurationProperties(ViewerProperties.class)
public class AuthServerApplication {
  /**
   * Starts the server.
   *
   * @param args Spring Boot arguments, e.g. {@code --spring.profiles.active=local}
   */
  public static void main(String[] args) {
    SpringApplication.run(AuthServerApplication.class, args);
  }
}
