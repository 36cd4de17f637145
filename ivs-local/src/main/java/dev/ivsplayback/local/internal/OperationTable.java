package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Operation name to handler, filled once by the operation families and then only read. Not
 * thread-safe while being filled; the handlers run under {@link IvsState}'s lock.
 */
final class OperationTable {

  /** Executes one operation on a validated input. */
  @FunctionalInterface
  interface Handler {
    /**
     * @return the response body, or null for the operations that answer 204 without a body
     */
    ObjectNode execute(ObjectNode in);
  }

  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  /** Registers the handler of an operation; each operation has exactly one. */
  OperationTable add(String operation, Handler handler) {
    if (handlers.putIfAbsent(operation, handler) != null) {
      throw new IllegalStateException("two handlers for " + operation);
    }
    return this;
  }

  /** Runs the operation's handler, or answers 404 UnknownOperationException. */
  ObjectNode execute(String operation, ObjectNode in) {
    Handler h = handlers.get(operation);
    if (h == null) {
      throw new ApiException(
          "UnknownOperationException",
          404,
          "Operation " + operation + " is not supported by ivs-local");
    }
    return h.execute(in);
  }

  /** The operations registered. */
  Set<String> operations() {
    return Set.copyOf(handlers.keySet());
  }
}
