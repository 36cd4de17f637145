package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token reuse in front of the key manager's rotating signer, with the real manager, an in-memory
 * store and ivs-local over HTTP: a reused token is always one of the key that is ACTIVE now, and
 * plays.
 */
class ReusingRotatingSignerTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);
  private PlaybackKeyManager manager;
  private ReusingPlaybackTokenSigner tokens;

  @BeforeEach
  void start() {
    ivs.reset();
    RotationPolicy policy = TestPolicies.standard().toBuilder().maxTokenTtl(TTL).build();
    manager =
        PlaybackKeyManager.builder()
            .managerId("reuse")
            .store(InMemoryPlaybackKeyStore.create(ivs.clock))
            .client(ivs.client)
            .policy(policy)
            .clock(ivs.clock)
            .automaticTicks(false)
            .build();
    manager.start();
    tokens = ReusingPlaybackTokenSigner.builder(manager.signer()).clock(ivs.clock).build();
  }

  private PlaybackClaims claims(Duration ttl) {
    return ivs.claims(ttl);
  }

  private Instant keyOf(String token, PublicKey key) {
    VerificationResult r =
        PlaybackTokenVerifier.builder()
            .clock(ivs.clock)
            .publicKeys(List.of(key))
            .build()
            .verify(token, VerificationRequest.forChannel(ivs.channel.arn()));
    assertThat(r.isValid()).as("token verifies under the expected key").isTrue();
    return ((VerificationResult.Valid) r).claims().expiresAt();
  }

  @Test
  void rotationMidStream_servesTheOldKeysTokenUntilTheNewKeyIsActive_thenOnlyNewKeyTokens() {
    PlaybackKeyRecord first = manager.activeKey().orElseThrow();
    String a = tokens.sign(claims(TTL));
    assertThat(tokens.sign(claims(TTL))).isSameAs(a);
    keyOf(a, first.publicKey());

    manager.rotate(); // imports the next key; it is promoted only after the propagation delay
    ivs.clock.advance(Duration.ofSeconds(30));
    manager.tick();
    assertThat(manager.activeKey().orElseThrow().keyId()).isEqualTo(first.keyId());
    assertThat(tokens.sign(claims(TTL))).isSameAs(a);

    ivs.clock.advance(
        Duration.ofSeconds(90)); // importedAt + propagationDelay (2 min): promoted on this tick
    manager.tick();
    PlaybackKeyRecord second = manager.activeKey().orElseThrow();
    assertThat(second.keyId()).isNotEqualTo(first.keyId());

    // a has 180 s of the 300 s asked for left (more than the share 0.5), but its key is no longer
    // ACTIVE: a new
    // token, signed by the new key.
    String b = tokens.sign(claims(TTL));
    assertThat(b).isNotEqualTo(a);
    keyOf(b, second.publicKey());
    assertThat(tokens.sign(claims(TTL))).isSameAs(b);
    assertThat(tokens.stats().signed()).isEqualTo(2);

    // Both play: the retired key is not deleted before a's exp.
    assertThat(ivs.play(a)).isEqualTo(200);
    assertThat(ivs.play(b)).isEqualTo(200);
  }

  @Test
  void emergencyRevocation_neverServesTheRevokedKeysToken() {
    PlaybackKeyRecord compromised = manager.activeKey().orElseThrow();
    String a = tokens.sign(claims(TTL));
    assertThat(ivs.play(a)).isEqualTo(200);

    PlaybackKeyRecord fresh = manager.emergencyRevoke(compromised.keyId(), List.of());

    String b = tokens.sign(claims(TTL));
    assertThat(b).isNotEqualTo(a);
    keyOf(b, fresh.publicKey());
    assertThat(ivs.play(a)).isEqualTo(403);
    assertThat(ivs.play(b)).isEqualTo(200);
  }

  @Test
  void aRequestTheSignerWouldRefuse_isRefusedEvenWhenATokenIsCached() {
    String a = tokens.sign(claims(TTL));
    // A 6-minute request could be answered with the cached token (it expires earlier than asked and
    // has more than
    // half the requested life), but the rotating signer refuses TTLs above maxTokenTtl, so reuse
    // refuses too.
    assertThatThrownBy(() -> tokens.sign(claims(Duration.ofMinutes(6))))
        .isInstanceOf(TokenTtlTooLongException.class);
    assertThat(tokens.sign(claims(TTL))).isSameAs(a);
  }
}
