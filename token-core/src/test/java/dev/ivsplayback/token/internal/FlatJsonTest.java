package dev.ivsplayback.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path never disagrees with Jackson: where it answers, Jackson gives the same members
 * (same values, same types, same order); where Jackson refuses, the fast path declines.
 */
class FlatJsonTest {
  private static final String ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";

  /** Null when Jackson refuses the bytes. */
  private static Map<String, Object> jackson(byte[] bytes) {
    try {
      return StrictJson.parseWithJackson(bytes);
    } catch (StrictJson.MalformedJsonException e) {
      return null;
    }
  }

  private static void assertAgrees(byte[] bytes) {
    Map<String, Object> fast = FlatJson.tryParse(bytes);
    if (fast == null) {
      return; // declined: Jackson decides
    }
    Map<String, Object> slow = jackson(bytes);
    String shown = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(slow).as("Jackson refuses what the fast path accepted: %s", shown).isNotNull();
    assertThat(List.copyOf(fast.keySet())).as(shown).isEqualTo(List.copyOf(slow.keySet()));
    for (Map.Entry<String, Object> e : fast.entrySet()) {
      Object other = slow.get(e.getKey());
      assertThat(e.getValue()).as(shown).isEqualTo(other);
      if (other != null) {
        assertThat(e.getValue()).as(shown).isInstanceOf(other.getClass());
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void tryParse_onTokenPayload_answersLikeJackson() {
    byte[] payload =
        ascii(
            "{\"aws:channel-arn\":\""
                + ARN
                + "\",\"aws:viewer-id\":\"viewer-42\",\"aws:strict-origin-enforcement\":true,"
                + "\"exp\":1764700000,\"x\":null,\"n\":-5,\"z\":0}");
    assertThat(FlatJson.tryParse(payload)).isNotNull();
    assertAgrees(payload);
  }

  @Test
  void tryParse_onEdgeCases_declinesOrAgreesWithJackson() {
    List<String> cases =
        List.of(
            "{}",
            " \t\r\n{ } \n",
            "{\"a\":1}",
            "{\"a\" : \"b\" , \"c\" :\tfalse}",
            "{\"a\":\"b\\\"c\"}",
            "{\"a\":\"\\u0041\"}",
            "{\"a\":\"caf\u00e9\"}",
            "{\"a\":{\"b\":1}}",
            "{\"a\":[1,2]}",
            "{\"a\":1.0}",
            "{\"a\":1e3}",
            "{\"a\":1E3}",
            "{\"a\":01}",
            "{\"a\":-0}",
            "{\"a\":-}",
            "{\"a\":--1}",
            "{\"a\":+1}",
            "{\"a\":123456789012345678}",
            "{\"a\":1234567890123456789}",
            "{\"a\":-999999999999999999}",
            "{\"a\":9223372036854775807}",
            "{\"a\":9223372036854775808}",
            "{\"a\":truex}",
            "{\"a\":tru}",
            "{\"a\":nul}",
            "{\"a\":True}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":null,\"a\":null}",
            "{\"a\":1,}",
            "{,}",
            "{\"a\":1}}",
            "{\"a\":1} x",
            "{\"a\":1}{}",
            "[]",
            "\"a\"",
            "",
            " ",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":\"b",
            "{\"a\"1}",
            "{a:1}",
            "{'a':1}",
            "{\"a\":1 2}",
            "{\"a\":\"tab\there\"}",
            "{\"a\":\"nul\u0000\"}",
            "{\"\u0000a\":1}",
            "{\u0000\"a\":1}",
            "{\"a\":1}\u0000",
            "\u00ef\u00bb\u00bf{\"a\":1}",
            "{\"a\":1/*c*/}",
            "{\"\":\"\"}",
            "{\"a\":\"\u007f\"}",
            "{\"exp\":1,\"nbf\":2,\"iat\":3,\"aws:viewer-id\":\"v\"}");
    for (String c : cases) {
      assertAgrees(ascii(c));
    }
    // UTF-16 and UTF-32 encodings of a valid object, which Jackson's byte parser would detect.
    assertAgrees("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE));
    assertAgrees("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE));
    assertAgrees(("{\"a\":\"" + "x".repeat(16_385) + "\"}").getBytes(StandardCharsets.US_ASCII));
    assertAgrees(("{\"a\":\"" + "x".repeat(16_384) + "\"}").getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void tryParse_onTwentyThousandMutatedDocuments_neverDisagreesWithJackson() {
    Random random = new Random(20261202L);
    String[] pieces = {
      "{", "}", "[", "]", ",", ":", "\"", "\"a\"", "\"exp\"", "\"aws:viewer-id\"", "\"v\"", "1",
      "0", "-", "12345678901234567890", ".5", "e", "true", "false", "null", " ", "\t", "\n", "\\",
      "\\u0041", "\u00e9", "\u0000", "x", "01", "-0", "9"
    };
    List<String> seeds =
        List.of(
            "{\"aws:channel-arn\":\"" + ARN + "\",\"exp\":1764700000}",
            "{\"a\":1,\"b\":\"c\",\"d\":true,\"e\":null}",
            "{ \"a\" : -12 , \"b\" : false }");
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder doc = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(doc.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> doc.insert(at, pieces[random.nextInt(pieces.length)]);
          case 1 -> {
            if (at < doc.length()) {
              doc.deleteCharAt(at);
            }
          }
          default -> {
            if (at < doc.length()) {
              doc.setCharAt(at, pieces[random.nextInt(pieces.length)].charAt(0));
            }
          }
        }
      }
      byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);
      assertAgrees(bytes);
      if (FlatJson.tryParse(bytes) != null) {
        accepted.add(doc.toString());
      }
    }
    // The mutations must also exercise the fast path's acceptances, not only its refusals.
    assertThat(accepted).hasSizeGreaterThan(1_000);
  }
}
