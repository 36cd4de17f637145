package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IVS service model (botocore {@code service-2.json}, bundled), read once: operations with
 * their HTTP bindings and the shapes that drive request validation. Immutable and thread-safe after
 * construction.
 */
public final class ServiceModel {

  /** One operation's HTTP binding. */
  public record Operation(
      String name,
      String method,
      String requestUri,
      String inputShape,
      String outputShape,
      int successCode) {}

  private static final String RESOURCE = "/dev/ivsplayback/local/internal/ivs-service-2.json";
  private static volatile ServiceModel instance;

  private final JsonNode shapes;
  private final Map<String, Operation> operations;
  private final Map<String, Pattern> patterns;

  private ServiceModel(JsonNode root) {
    this.shapes = root.path("shapes");
    Map<String, Operation> ops = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("operations").properties()) {
      JsonNode op = e.getValue();
      JsonNode http = op.path("http");
      ops.put(
          e.getKey(),
          new Operation(
              e.getKey(),
              http.path("method").asText(),
              http.path("requestUri").asText(),
              op.path("input").path("shape").asText(null),
              op.path("output").path("shape").asText(null),
              http.path("responseCode").asInt(200)));
    }
    this.operations = Collections.unmodifiableMap(ops);
    Map<String, Pattern> pats = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : shapes.properties()) {
      JsonNode p = e.getValue().get("pattern");
      if (p != null) {
        pats.put(e.getKey(), Pattern.compile(patternFor(e.getKey(), p.asText())));
      }
    }
    this.patterns = Collections.unmodifiableMap(pats);
  }

  /**
   * The model's ResourceArn pattern allows a single character as the resource type ({@code
   * [a-z-]/}), which no real ARN satisfies; IVS evidently does not apply it literally, so the
   * resource type is widened to {@code [a-z-]+}.
   */
  private static String patternFor(String shape, String pattern) {
    if (shape.equals("ResourceArn")) {
      return pattern.replace(":[a-z-]/", ":[a-z-]+/");
    }
    return pattern;
  }

  /** The bundled model, parsed once. */
  public static ServiceModel get() {
    ServiceModel m = instance;
    if (m == null) {
      synchronized (ServiceModel.class) {
        m = instance;
        if (m == null) {
          try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing bundled service model " + RESOURCE);
            }
            m = new ServiceModel(new ObjectMapper().readTree(in));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          instance = m;
        }
      }
    }
    return m;
  }

  /** The model's operations by name. */
  public Map<String, Operation> operations() {
    return operations;
  }

  /** A shape by name; throws IllegalArgumentException for an unknown one. */
  public JsonNode shape(String name) {
    JsonNode s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no shape " + name);
    }
    return s;
  }

  /** The compiled pattern of a string shape, or null. Patterns are applied to the whole value. */
  public Pattern pattern(String shape) {
    return patterns.get(shape);
  }
}
