package dev.ivsplayback.examples.auth;

import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenMinter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code nimbus} profile, for the load test's baseline only: the endpoint mints per-viewer
 * tokens with {@link NimbusPlaybackTokenMinter} (Nimbus JOSE+JWT on SunEC) instead of the starter's
 * rotating signer, and the {@code @ChannelWide} minter reuses its tokens. The key is generated with
 * the JDK's default provider at startup and its public half imported into IVS (ivs-local with the
 * {@code local} profile), so its tokens play; the pair is deleted when the context closes. Defining
 * a {@link PlaybackTokenMinter} bean is how an application swaps the starter's minter.
 */
@Configuration(proxyBeanMethods = false)
@Profile("nimbus")
public class NimbusMinterConfiguration {
  private static final Log LOG = LogFactory.getLog(NimbusMinterConfiguration.class);

  /** The imported key pair, deleted from IVS when the context closes. */
  static final class ImportedKey implements DisposableBean {
    final KeyPair pair;
    final String arn;
    private final IvsPlaybackClient ivs;

    ImportedKey(KeyPair pair, String arn, IvsPlaybackClient ivs) {
      this.pair = pair;
      this.arn = arn;
      this.ivs = ivs;
    }

    @Override
    public void destroy() {
      ivs.sync().deletePlaybackKeyPair(b -> b.arn(arn));
    }
  }

  /**
   * @param ivs the IVS client
   * @return a fresh P-384 key pair (SunEC), imported into IVS
   * @throws GeneralSecurityException if the JDK cannot generate a P-384 key
   */
  @Bean
  ImportedKey nimbusKey(IvsPlaybackClient ivs) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair pair = g.generateKeyPair();
    String arn =
        ivs.sync()
            .importPlaybackKeyPair(
                b ->
                    b.name("nimbus-baseline")
                        .publicKeyMaterial(PlaybackKeys.toPublicKeyPem(pair.getPublic())))
            .keyPair()
            .arn();
    LOG.warn(
        "nimbus profile: tokens are minted by the Nimbus baseline (load test only), key "
            + PlaybackKeys.fingerprint(pair.getPublic()));
    return new ImportedKey(pair, arn, ivs);
  }

  /**
   * @param key the imported key
   * @return the Nimbus minter, replacing the starter's
   */
  @Bean
  PlaybackTokenMinter nimbusPlaybackTokenMinter(ImportedKey key) {
    return new NimbusPlaybackTokenMinter(
        (ECPrivateKey) key.pair.getPrivate(), PlaybackKeys.fingerprint(key.pair.getPublic()));
  }
}
