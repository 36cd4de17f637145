package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.LocalSdk;
import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.RejectionReason;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/** Oversized inputs are refused early, with a clear error, and never buffered whole. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static IvsLocal ivs;
  private static IvsClient sdk;

  @BeforeAll
  static void start() {
    ivs = IvsLocal.builder().build().start();
    sdk = LocalSdk.client(ivs.endpoint(), ivs.region());
  }

  @AfterAll
  static void stop() {
    sdk.close();
    ivs.close();
  }

  @Test
  void verify_whenTokenIsHuge_rejectsAsTooLarge_namingTheLimit() {
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder()
            .publicKeys(List.of(Fixtures.KEY.getPublic()))
            .clock(Fixtures.CLOCK)
            .build();
    String huge = "e".repeat(20_000_000) + ".e.e";
    VerificationResult result =
        verifier.verify(huge, VerificationRequest.forChannel(Fixtures.CHANNEL_ARN));
    assertThat(result).isInstanceOf(VerificationResult.Invalid.class);
    VerificationResult.Invalid invalid = (VerificationResult.Invalid) result;
    assertThat(invalid.reason()).isEqualTo(RejectionReason.TOO_LARGE);
    assertThat(invalid.message())
        .contains("20000004")
        .contains(Integer.toString(PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH));
  }

  @Test
  void readPem_whenTextIsHuge_rejectsWithAKeyFormatError_namingTheSize() {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + "QUFB\n".repeat(4_000_000)
            + "-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("too large")
        .hasMessageContaining("20000054");
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem, "pass".toCharArray()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void readKeyFile_whenFileIsHuge_rejectsBeforeReadingIt(@TempDir Path dir) throws IOException {
    // A 3 GiB sparse file: reading it whole would need a 3 GiB array (more than a String can hold).
    Path file = dir.resolve("huge.pem");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> PlaybackKeyFiles.readPrivateKey(file, null))
        .isInstanceOf(PlaybackKeyException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> PlaybackKeyFiles.readPublicKey(file))
        .isInstanceOf(PlaybackKeyException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void httpBody_whenContentLengthIsOverTheLimit_isRefusedWith413Json_withoutReadingItAll()
      throws Exception {
    long declared = 4L << 30; // 4 GiB announced
    AtomicLong sent = new AtomicLong();
    try (Socket s = RawHttp.connect(ivs.endpoint())) {
      writeHead(s, "Content-Length: " + declared);
      CompletableFuture<RawHttp.Response> response =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return RawHttp.read(s.getInputStream());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      pump(s, response, sent, 512L << 20, false);
      RawHttp.Response r = response.get(10, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(413);
      assertTooLargeJson(r);
    }
    assertThat(sent.get()).as("bytes the client got to send").isLessThan(declared);
  }

  @Test
  void httpBody_whenChunkedBodyGrowsOverTheLimit_isRefusedWith413Json() throws Exception {
    AtomicLong sent = new AtomicLong();
    try (Socket s = RawHttp.connect(ivs.endpoint())) {
      writeHead(s, "Transfer-Encoding: chunked");
      CompletableFuture<RawHttp.Response> response =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return RawHttp.read(s.getInputStream());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      pump(s, response, sent, 512L << 20, true);
      RawHttp.Response r = response.get(10, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(413);
      assertTooLargeJson(r);
    }
    assertThat(sent.get())
        .as("the client stopped at its own cap, not the server")
        .isLessThan(512L << 20);
  }

  @Test
  void putMetadata_overOneKilobyte_isRefused_andNotRecorded() {
    String channel = sdk.createChannel(b -> b.name("metadata")).channel().arn();
    ivs.control().startStream(channel);
    for (String payload :
        List.of("x".repeat(1025), "€".repeat(342))) { // 1025 and 1026 bytes of UTF-8
      assertThatThrownBy(() -> sdk.putMetadata(b -> b.channelArn(channel).metadata(payload)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("1 KB")
          .hasMessageContaining("metadata");
    }
    assertThat(ivs.control().metadata(channel)).isEmpty();
    sdk.putMetadata(b -> b.channelArn(channel).metadata("y".repeat(1024)));
    assertThat(ivs.control().metadata(channel)).containsExactly("y".repeat(1024));
  }

  private static void writeHead(Socket s, String framing) throws IOException {
    StringBuilder head = new StringBuilder("POST /CreateChannel HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (Map.Entry<String, String> h : RawHttp.sigV4FormHeaders(Instant.now()).entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Content-Type: application/json\r\n").append(framing).append("\r\n\r\n");
    s.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Streams body bytes until the answer arrives, the server stops reading, or the cap is reached.
   */
  private static void pump(
      Socket s,
      CompletableFuture<RawHttp.Response> response,
      AtomicLong sent,
      long cap,
      boolean chunked) {
    byte[] block = new byte[64 * 1024];
    java.util.Arrays.fill(block, (byte) ' ');
    byte[] chunkHead =
        (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    try {
      OutputStream out = s.getOutputStream();
      while (!response.isDone() && sent.get() < cap) {
        if (chunked) {
          out.write(chunkHead);
        }
        out.write(block);
        if (chunked) {
          out.write(crlf);
        }
        sent.addAndGet(block.length);
      }
    } catch (IOException e) {
      // the server closed its side after answering: exactly what a refusal may do
    }
  }

  private static void assertTooLargeJson(RawHttp.Response r) throws IOException {
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("__type").asText()).isEqualTo("RequestEntityTooLargeException");
    assertThat(body.path("message").asText()).contains("1048576");
    assertThat(r.header("content-type")).startsWith("application/json");
  }
}
