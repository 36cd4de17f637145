package dev.ivsplayback.examples.auth;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.local.IvsLocal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The {@code local} profile: an embedded ivs-local, the IVS client pointed at it (replacing the
 * starter's), a private channel {@code demo} and a public channel {@code lobby}. The starter's key
 * manager creates and imports the key at startup.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
public class LocalIvsConfiguration {
  private static final Log LOG = LogFactory.getLog(LocalIvsConfiguration.class);

  /**
   * @return ivs-local, started on a free port
   */
  @Bean(destroyMethod = "close")
  IvsLocal ivsLocal() {
    return IvsLocal.builder().build().start();
  }

  /**
   * @param local ivs-local
   * @return the client for it (ivs-local takes any credentials)
   */
  @Bean(destroyMethod = "close")
  IvsPlaybackClient ivsPlaybackClient(IvsLocal local) {
    return IvsPlaybackClient.create(
        IvsClientConfig.builder()
            .region(local.region())
            .endpointOverride(local.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build());
  }

  /**
   * @param ivs the client
   * @return creates the demo channels once the context has started
   */
  @Bean
  ApplicationRunner demoChannels(IvsPlaybackClient ivs) {
    return args -> {
      String demo = ivs.sync().createChannel(b -> b.name("demo").authorized(true)).channel().arn();
      ivs.sync().createChannel(b -> b.name("lobby").authorized(false));
      LOG.info(
          "local: private channel demo ("
              + demo
              + ") and public channel lobby; try: curl -u alice:alice -H 'Content-Type:"
              + " application/json' -d '{\"channel\":\"demo\"}' localhost:8080/playback-token");
    };
  }
}
