package dev.ivsplayback.token;

import dev.ivsplayback.token.internal.Base64Url;
import dev.ivsplayback.token.internal.BouncyCastleEngine;
import dev.ivsplayback.token.internal.P384;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;

/**
 * Hand-crafted tokens (arbitrary header and payload JSON) signed with a real key, for the verifier
 * tests.
 */
final class TestTokens {
  private TestTokens() {}

  static String b64(String s) {
    return Base64Url.encode(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sign(String headerJson, String payloadJson, PrivateKey key) {
    return signRaw(b64(headerJson) + "." + b64(payloadJson), key);
  }

  static String signRaw(String signingInput, PrivateKey key) {
    byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
    byte[] sig = new byte[96];
    new BouncyCastleEngine(P384.privateParameters((ECPrivateKey) key))
        .sign(input, input.length, sig, 0);
    return signingInput + "." + Base64Url.encode(sig);
  }

  static String withSignature(String token, byte[] signature) {
    return token.substring(0, token.lastIndexOf('.') + 1) + Base64Url.encode(signature);
  }

  static byte[] signatureOf(String token) {
    return java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
  }
}
