package dev.ivsplayback.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes and checks a compact JWS independently of token-core (plain JCA and Jackson), for
 * assertions.
 */
final class Jwt {

  private Jwt() {}

  static Map<String, Object> header(String token) {
    return parseJson(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  static Map<String, Object> payload(String token) {
    return parseJson(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  static boolean signatureValid(String token, PublicKey key) throws Exception {
    String[] parts = token.split("\\.");
    Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
    s.initVerify(key);
    s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    return s.verify(Base64.getUrlDecoder().decode(parts[2]));
  }

  /** A JSON document as maps, lists, strings, longs, booleans and nulls. */
  static Map<String, Object> parseJson(String json) {
    Object v = parseAny(json);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object: " + json);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return m;
  }

  static Object parseAny(String json) {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      Object v = read(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after JSON value: " + json);
      }
      return v;
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, read(p));
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(read(p));
          }
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected token " + t);
    }
  }
}
