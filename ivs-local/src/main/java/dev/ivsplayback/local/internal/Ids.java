package dev.ivsplayback.local.internal;

import java.security.SecureRandom;

/** Random identifiers in IVS's formats. Thread-safe. */
final class Ids {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String alnum(int n) {
    return pick(ALNUM, n);
  }

  static String hex(int n) {
    return pick(HEX, n);
  }

  private static String pick(String alphabet, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
    return new String(c);
  }
}
