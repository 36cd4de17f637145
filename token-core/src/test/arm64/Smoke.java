import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;

/**
 * The two halves of smoke.sh (see there). {@code mint DIR}: on this JVM's platform, report the
 * engines and where ACCP was loaded from, mint a token with a fresh key and write the token and
 * public key PEM to DIR; exit 1 unless signer and verifier both run on ACCP. {@code verify DIR}:
 * verify that token against that key with the default verifier; exit 1 unless it is valid.
 */
public final class Smoke {
  static final String ARN = "arn:aws:ivs:us-west-2:123456789012:channel/arm64SmokeTest";
  static final String VIEWER = "graviton-viewer";

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    String arch = System.getProperty("os.arch");
    Class<?> accp = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
    String accpJar = accp.getProtectionDomain().getCodeSource().getLocation().getPath();
    String accpJarName = accpJar.substring(accpJar.lastIndexOf('/') + 1);
    switch (args[0]) {
      case "mint" -> mint(dir, arch, accpJarName);
      case "verify" -> verify(dir, arch, accpJarName);
      default -> throw new IllegalArgumentException("usage: Smoke mint|verify DIR");
    }
  }

  static void mint(Path dir, String arch, String accpJar) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair pair = g.generateKeyPair();
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(pair.getPrivate());
    PlaybackTokenVerifier local =
        PlaybackTokenVerifier.builder().publicKeys(List.of(pair.getPublic())).build();
    String token =
        signer.sign(
            PlaybackClaims.builder()
                .channelArn(ARN)
                .viewerId(VIEWER)
                .expiresIn(Duration.ofMinutes(9))
                .build());
    boolean validHere = local.verify(token, VerificationRequest.forChannel(ARN)).isValid();
    Files.writeString(dir.resolve("token.txt"), token);
    Files.writeString(
        dir.resolve("public.pem"), PlaybackKeys.toPublicKeyPem(signer.publicKey()));
    System.out.println(
        "mint: os.arch="
            + arch
            + " java.home="
            + System.getProperty("java.home")
            + " accp-jar="
            + accpJar
            + " fastestAvailable="
            + SigningEngine.fastestAvailable()
            + " signer="
            + signer.engine()
            + " verifier="
            + local.engine()
            + " verifies-own-token="
            + validHere);
    if (signer.engine() != SigningEngine.ACCP
        || local.engine() != SigningEngine.ACCP
        || !validHere) {
      System.exit(1);
    }
  }

  static void verify(Path dir, String arch, String accpJar) throws Exception {
    String token = Files.readString(dir.resolve("token.txt"));
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder()
            .publicKeys(List.of(PlaybackKeys.readPublicKey(Files.readString(dir.resolve("public.pem")))))
            .build();
    VerificationResult result = verifier.verify(token, VerificationRequest.forChannel(ARN));
    boolean ok =
        result instanceof VerificationResult.Valid v
            && v.claims().viewerId().orElse("").equals(VIEWER);
    System.out.println(
        "verify: os.arch="
            + arch
            + " accp-jar="
            + accpJar
            + " verifier="
            + verifier.engine()
            + " result="
            + (ok ? "valid" : result));
    if (!ok) {
      System.exit(1);
    }
  }
}
