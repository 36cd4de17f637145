package dev.ivsplayback.examples.plain;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.MintReadiness;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import dev.ivsplayback.token.SigningKeyHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.Channel;

/**
 * The README's Java snippets, compiled with the project so they cannot drift from the API: each
 * region between {@code // tag::NAME[]} and {@code // end::NAME[]} must equal the README block
 * marked {@code <!-- snippet: NAME -->} ({@code ReadmeSnippetsTest} checks it).
 */
final class ReadmeSnippets {
  private ReadmeSnippets() {}

  static String mint(String channelArn, String channelPlaybackUrl) throws IOException {
    // tag::mint[]
    PrivateKey key = PlaybackKeys.readPrivateKey(Files.readString(Path.of("priv.pem")));
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(key); // fastest engine here
    PlaybackClaims claims =
        PlaybackClaims.builder()
            .channelArn(channelArn)
            .viewerId("viewer-42")
            .expiresIn(Duration.ofMinutes(5))
            .build(); // validated: a broken rule is an InvalidClaimException naming the claim
    String url = signer.playbackUrl(channelPlaybackUrl, claims); // ...m3u8?token=eyJhbGci...
    // end::mint[]
    return url;
  }

  static String keyManager(char[] passphrase, Channel channel) {
    // tag::keyManager[]
    try (IvsPlaybackClient ivs =
            IvsPlaybackClient.create(IvsClientConfig.builder().region("eu-west-1").build());
        FileSystemPlaybackKeyStore store =
            FileSystemPlaybackKeyStore.builder()
                .directory(Path.of("/var/lib/auth/ivs-keys"))
                .passphrase(passphrase)
                .build();
        PlaybackKeyManager keys =
            PlaybackKeyManager.builder()
                .managerId("auth-prod")
                .client(ivs)
                .store(store)
                .policy(RotationPolicy.defaults())
                .build()) {
      keys.start(); // reconcile with IVS, create the first key if needed, then tick every 30 s
      return keys.signer()
          .playbackUrl(
              channel.playbackUrl(),
              PlaybackClaims.builder()
                  .channelArn(channel.arn())
                  .expiresIn(Duration.ofMinutes(10))
                  .build());
    }
    // end::keyManager[]
  }

  static RotationPolicy policy() {
    // tag::policy[]
    RotationPolicy policy =
        RotationPolicy.builder()
            .rotationInterval(Duration.ofDays(7)) // a new key every week
            .maxTokenTtl(Duration.ofMinutes(30)) // the signer refuses longer tokens
            .propagationDelay(Duration.ofMinutes(2)) // every process sees a key before it signs
            .build(); // checks the timings fit together (InvalidConfigurationException)
    // end::policy[]
    return policy;
  }

  static void devStoreAndStatus(IvsPlaybackClient ivs) {
    // tag::devStore[]
    PlaybackKeyManager keys =
        PlaybackKeyManager.builder()
            .managerId("dev")
            .client(ivs)
            .store(InMemoryPlaybackKeyStore.create()) // development only: keys die with the JVM
            .build();
    keys.start();
    ReusingPlaybackTokenSigner channelWide =
        ReusingPlaybackTokenSigner.builder(keys.signer()).build(); // one token for many viewers
    SigningKeyHandle active = keys.signer().currentKey().orElseThrow(); // key id + fingerprint
    MintReadiness ready = keys.signer().readiness(); // READY, NO_ACTIVE_KEY, KEY_VIEW_STALE, ...
    // end::devStore[]
    keys.close();
    channelWide.invalidateAll();
    if (active == null || ready == null) {
      throw new IllegalStateException();
    }
  }

  static String reuse(PlaybackKeyManager keyManager, Channel channel) {
    // tag::reuse[]
    ReusingPlaybackTokenSigner tokens =
        ReusingPlaybackTokenSigner.builder(keyManager.signer()) // or a PlaybackTokenSigner
            .expiryBucket(Duration.ofSeconds(10))
            .minimumRemainingShare(0.5)
            .maximumSize(10_000)
            .build();
    String url =
        tokens.playbackUrl(
            channel.playbackUrl(),
            PlaybackClaims.builder()
                .channelArn(channel.arn())
                .expiresIn(Duration.ofMinutes(5))
                .build());
    // end::reuse[]
    return url;
  }

  static void ivsLocal() {
    // tag::ivsLocal[]
    try (IvsLocal ivs = IvsLocal.builder().build().start(); // free port, us-west-2, 123456789012
        IvsClient client =
            IvsClient.builder()
                .endpointOverride(ivs.endpoint())
                .region(Region.of(ivs.region()))
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AK", "SK")))
                .build()) {
      client.createChannel(b -> b.name("test").authorized(true));
    }
    // JUnit 5: @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension();
    // end::ivsLocal[]
  }
}
