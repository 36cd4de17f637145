package dev.ivsplayback.client;

/** Argument checks shared by the public types. */
final class Checks {
  private Checks() {}

  static String requireText(String field, String value) {
    if (value == null) {
      throw new InvalidRequestException(field, field + " is required but was null");
    }
    if (value.isBlank()) {
      throw new InvalidRequestException(field, field + " is required but was blank");
    }
    return value;
  }
}
