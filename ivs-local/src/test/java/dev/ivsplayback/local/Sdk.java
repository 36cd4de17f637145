package dev.ivsplayback.local;

import dev.ivsplayback.testing.LocalSdk;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ivs.IvsAsyncClient;
import software.amazon.awssdk.services.ivs.IvsClient;

/** Real AWS SDK clients pointed at an IvsLocal, and P-384 key fixtures built in code. */
final class Sdk {
  static final String ACCESS_KEY = LocalSdk.ACCESS_KEY;
  static final String SECRET_KEY = LocalSdk.SECRET_KEY;

  private Sdk() {}

  /** A sync client (Apache HTTP) that does not retry, so each call is exactly one request. */
  static IvsClient client(IvsLocal ivs) {
    return client(ivs, ACCESS_KEY, SECRET_KEY, false);
  }

  static IvsClient client(IvsLocal ivs, String accessKey, String secretKey, boolean retries) {
    return LocalSdk.client(ivs.endpoint(), ivs.region(), accessKey, secretKey, retries);
  }

  /** An async client (Netty) that does not retry. */
  static IvsAsyncClient asyncClient(IvsLocal ivs) {
    return IvsAsyncClient.builder()
        .endpointOverride(ivs.endpoint())
        .region(Region.of(ivs.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * The test class's sync client ({@link #client(IvsLocal)}) for the ivs-local of an extension:
   * opened on first use, closed after the class's tests. Register it as a static
   * {@code @RegisterExtension} field.
   */
  static final class ClientExtension implements AfterAllCallback {
    private final IvsLocalExtension ivs;
    private IvsClient client;

    ClientExtension(IvsLocalExtension ivs) {
      this.ivs = ivs;
    }

    synchronized IvsClient client() {
      if (client == null) {
        client = Sdk.client(ivs.ivsLocal());
      }
      return client;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
      if (client != null) {
        client.close();
        client = null;
      }
    }
  }

  static KeyPair p384() {
    return generate("secp384r1");
  }

  static KeyPair generate(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SPKI "PUBLIC KEY" PEM, as `openssl ec -pubout` writes it. */
  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
