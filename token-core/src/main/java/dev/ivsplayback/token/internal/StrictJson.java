package dev.ivsplayback.token.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict parsing of a JOSE header or claims set: strict UTF-8, exactly one JSON object, no
 * duplicate member names at any depth, nothing after it. Members map to String, Boolean, Long,
 * BigInteger (integers beyond 64 bits), {@link #NON_INTEGER} (any fraction or exponent), {@link
 * #NESTED} (object or array) or null. Not a public API.
 */
public final class StrictJson {
  /** Marker for an object or array value. */
  public static final Object NESTED =
      new Object() {
        @Override
        public String toString() {
          return "an object or array";
        }
      };

  /** Marker for a number that is not an integer. */
  public static final Object NON_INTEGER =
      new Object() {
        @Override
        public String toString() {
          return "a non-integer number";
        }
      };

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(32)
                  .maxNumberLength(64)
                  .maxStringLength(16_384)
                  .build())
          .build();

  private StrictJson() {}

  /** A JSON document that is not acceptable; the message says why. */
  public static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Parses one JSON object.
   *
   * @param utf8 the bytes
   * @return members in document order
   * @throws MalformedJsonException when the bytes are not one strict JSON object
   */
  public static Map<String, Object> parseObject(byte[] utf8) throws MalformedJsonException {
    Map<String, Object> flat = FlatJson.tryParse(utf8);
    if (flat != null) {
      return flat; // the common, simple case, without a Jackson parser
    }
    return parseWithJackson(utf8);
  }

  /**
   * Parses one JSON object with Jackson alone (what {@link #parseObject} falls back to).
   *
   * @param utf8 the bytes
   * @return members in document order
   * @throws MalformedJsonException when the bytes are not one strict JSON object
   */
  static Map<String, Object> parseWithJackson(byte[] utf8) throws MalformedJsonException {
    try (JsonParser p = createParser(utf8)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedJsonException("is not a JSON object", null);
      }
      Map<String, Object> members = new LinkedHashMap<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        members.put(name, value(p, v));
      }
      if (t != JsonToken.END_OBJECT) {
        throw new MalformedJsonException("is not a well-formed JSON object", null);
      }
      if (p.nextToken() != null) {
        throw new MalformedJsonException("has content after the JSON object", null);
      }
      return members;
    } catch (IOException e) {
      String reason =
          e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
              ? "has a duplicate member name"
              : "is not valid JSON";
      throw new MalformedJsonException(reason, e);
    }
  }

  /**
   * A parser over the bytes. Printable ASCII (with JSON's whitespace) is valid UTF-8 as it is and
   * goes straight to Jackson's byte parser, which then detects UTF-8 (no NUL bytes, no BOM) and
   * allocates no decoded copy; anything else is decoded strictly first.
   */
  private static JsonParser createParser(byte[] utf8) throws MalformedJsonException, IOException {
    boolean plainAscii = true;
    for (byte b : utf8) {
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') { // also every byte >= 0x80
        plainAscii = false;
        break;
      }
    }
    if (plainAscii) {
      return FACTORY.createParser(utf8);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedJsonException("is not valid UTF-8", e);
    }
    return FACTORY.createParser(text);
  }

  private static Object value(JsonParser p, JsonToken v) throws IOException {
    switch (v) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
      case VALUE_NUMBER_FLOAT:
        return NON_INTEGER;
      case START_OBJECT:
      case START_ARRAY:
        p.skipChildren();
        return NESTED;
      default:
        throw new IOException("unexpected token " + v);
    }
  }
}
