package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a request against the service model's constraints (required members, types, lengths,
 * patterns, enums, numeric ranges, list and map sizes, nested structures). The first violation
 * becomes a ValidationException that names the member, the problem and the rule, in IVS's "Request
 * member: ... failed to satisfy the constraints" form. Members the model does not know are ignored,
 * as restJson1 services do. Values are never echoed (some are sensitive). Thread-safe.
 */
public final class ModelValidator {

  private final ServiceModel model;

  /** A validator over the given model. */
  public ModelValidator(ServiceModel model) {
    this.model = model;
  }

  /** Validates a request structure of the given input shape. */
  public void validate(String shapeName, JsonNode value) {
    validateStructure(model.shape(shapeName), value, "");
  }

  private void validateValue(String shapeName, JsonNode value, String path) {
    JsonNode shape = model.shape(shapeName);
    String type = shape.path("type").asText();
    switch (type) {
      case "structure" -> validateStructure(shape, value, path);
      case "string" -> validateString(shapeName, shape, value, path);
      case "integer", "long" -> validateNumber(shape, value, path, type.equals("integer"));
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw ApiException.invalidMember(path, "expected a boolean");
        }
      }
      case "list" -> validateList(shape, value, path);
      case "map" -> validateMap(shape, value, path);
      case "timestamp" -> {
        if (!value.isTextual() && !value.isNumber()) {
          throw ApiException.invalidMember(path, "expected a timestamp");
        }
      }
      default -> {
        // blob, double, etc.: IVS request shapes do not use them.
      }
    }
  }

  private void validateStructure(JsonNode shape, JsonNode value, String path) {
    if (!value.isObject()) {
      throw ApiException.invalidMember(path.isEmpty() ? "body" : path, "expected a JSON object");
    }
    JsonNode members = shape.path("members");
    for (JsonNode req : shape.path("required")) {
      String name = req.asText();
      JsonNode member = members.path(name);
      // Members bound to the URI or query string are checked by the router before the body.
      String location = member.path("location").asText("");
      if (!location.isEmpty()) {
        continue;
      }
      JsonNode v = value.get(name);
      if (v == null || v.isNull()) {
        throw ApiException.invalidMember(join(path, name), "the member is required");
      }
    }
    for (Map.Entry<String, JsonNode> m : members.properties()) {
      JsonNode v = value.get(m.getKey());
      if (v == null || v.isNull()) {
        continue;
      }
      validateValue(m.getValue().path("shape").asText(), v, join(path, m.getKey()));
    }
  }

  private void validateString(String shapeName, JsonNode shape, JsonNode value, String path) {
    if (!value.isTextual()) {
      throw ApiException.invalidMember(path, "expected a string");
    }
    String s = value.asText();
    int length = s.codePointCount(0, s.length());
    if (shape.has("min") && length < shape.get("min").asLong()) {
      throw ApiException.invalidMember(
          path, "length " + length + " is below the minimum length " + shape.get("min").asLong());
    }
    if (shape.has("max") && length > shape.get("max").asLong()) {
      throw ApiException.invalidMember(
          path, "length " + length + " exceeds the maximum length " + shape.get("max").asLong());
    }
    if (shape.has("enum")) {
      boolean ok = false;
      for (JsonNode e : shape.get("enum")) {
        if (e.asText().equals(s)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        throw ApiException.invalidMember(path, "the value must be one of " + shape.get("enum"));
      }
    }
    Pattern p = model.pattern(shapeName);
    if (p != null && !p.matcher(s).matches()) {
      throw ApiException.invalidMember(path, "the value must match the pattern " + p.pattern());
    }
  }

  private static void validateNumber(JsonNode shape, JsonNode value, String path, boolean integer) {
    if (!value.isIntegralNumber()
        || (integer ? !value.canConvertToInt() : !value.canConvertToLong())) {
      throw ApiException.invalidMember(
          path, integer ? "expected a 32-bit integer" : "expected a 64-bit integer");
    }
    long v = value.asLong();
    if (shape.has("min") && v < shape.get("min").asLong()) {
      throw ApiException.invalidMember(
          path, "the value " + v + " is below the minimum " + shape.get("min").asLong());
    }
    if (shape.has("max") && v > shape.get("max").asLong()) {
      throw ApiException.invalidMember(
          path, "the value " + v + " exceeds the maximum " + shape.get("max").asLong());
    }
  }

  private void validateList(JsonNode shape, JsonNode value, String path) {
    if (!value.isArray()) {
      throw ApiException.invalidMember(path, "expected a list");
    }
    checkSize(shape, value.size(), path, "items");
    String member = shape.path("member").path("shape").asText();
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i).isNull()) {
        throw ApiException.invalidMember(path + "[" + i + "]", "list items must not be null");
      }
      validateValue(member, value.get(i), path + "[" + i + "]");
    }
  }

  private void validateMap(JsonNode shape, JsonNode value, String path) {
    if (!value.isObject()) {
      throw ApiException.invalidMember(path, "expected a map (JSON object)");
    }
    checkSize(shape, value.size(), path, "entries");
    String keyShape = shape.path("key").path("shape").asText();
    String valueShape = shape.path("value").path("shape").asText();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      validateValue(
          keyShape,
          com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()),
          path + " key");
      if (e.getValue().isNull()) {
        throw ApiException.invalidMember(path + " value", "map values must not be null");
      }
      validateValue(valueShape, e.getValue(), path + " value");
    }
  }

  private static void checkSize(JsonNode shape, int size, String path, String what) {
    if (shape.has("min") && size < shape.get("min").asLong()) {
      throw ApiException.invalidMember(
          path, "has " + size + " " + what + ", below the minimum of " + shape.get("min").asLong());
    }
    if (shape.has("max") && size > shape.get("max").asLong()) {
      throw ApiException.invalidMember(
          path, "has " + size + " " + what + ", above the maximum of " + shape.get("max").asLong());
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
