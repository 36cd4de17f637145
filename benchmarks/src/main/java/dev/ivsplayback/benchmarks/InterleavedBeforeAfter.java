package dev.ivsplayback.benchmarks;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of token-core in one JVM, each in its own class loader, minting and verifying the same
 * per-viewer tokens in alternating turns: how a change moved the hot path, measured so that the
 * machine's drift hits both sides alike. Uses only API both builds share (the signer's and the
 * verifier's builders, {@code sign}, {@code verify}).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * dev.ivsplayback.benchmarks.InterleavedBeforeAfter BEFORE_JAR AFTER_JAR DEPENDENCY_CLASSPATH
 * [rounds] [millisPerTurn]}; the dependency class path is token-core's third-party jars ({@code mvn
 * dependency:build-classpath -pl token-core}).
 */
public final class InterleavedBeforeAfter {
  private InterleavedBeforeAfter() {}

  /** One build's signer and verifier, driven by reflection. */
  private static final class Build {
    final String name;
    final Object signer;
    final Method sign;
    final Object verifier;
    final Method verify;
    final Object request;
    final Method claimsBuilder;
    final ClassLoader loader;
    final String engine;

    Build(String name, String jar, List<URL> deps, KeyPair kp) throws Exception {
      this.name = name;
      List<URL> urls = new ArrayList<>();
      urls.add(new File(jar).toURI().toURL());
      urls.addAll(deps);
      loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Class<?> signerClass = loader.loadClass("dev.ivsplayback.token.PlaybackTokenSigner");
      Object sb = signerClass.getMethod("builder").invoke(null);
      sb.getClass()
          .getMethod("privateKey", java.security.PrivateKey.class)
          .invoke(sb, kp.getPrivate());
      signer = sb.getClass().getMethod("build").invoke(sb);
      engine = String.valueOf(signerClass.getMethod("engine").invoke(signer));
      Class<?> claimsClass = loader.loadClass("dev.ivsplayback.token.PlaybackClaims");
      claimsBuilder = claimsClass.getMethod("builder");
      sign = signerClass.getMethod("sign", claimsClass);
      Class<?> verifierClass = loader.loadClass("dev.ivsplayback.token.PlaybackTokenVerifier");
      Object vb = verifierClass.getMethod("builder").invoke(null);
      vb.getClass()
          .getMethod("publicKeys", java.util.Collection.class)
          .invoke(vb, List.of(kp.getPublic()));
      verifier = vb.getClass().getMethod("build").invoke(vb);
      Class<?> requestClass = loader.loadClass("dev.ivsplayback.token.VerificationRequest");
      request = requestClass.getMethod("forChannel", String.class).invoke(null, CHANNEL);
      verify = verifierClass.getMethod("verify", String.class, requestClass);
    }

    String mint(long viewer) throws Exception {
      Object b = claimsBuilder.invoke(null);
      Class<?> bc = b.getClass();
      bc.getMethod("channelArn", String.class).invoke(b, CHANNEL);
      bc.getMethod("viewerId", String.class).invoke(b, "viewer-" + viewer);
      bc.getMethod("expiresIn", Duration.class).invoke(b, Duration.ofMinutes(5));
      return (String) sign.invoke(signer, bc.getMethod("build").invoke(b));
    }
  }

  private static final String CHANNEL = "arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234";

  /**
   * Runs the comparison.
   *
   * @param args before jar, after jar, dependency class path, optional rounds and turn millis
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    List<URL> deps = new ArrayList<>();
    for (String p : args[2].split(File.pathSeparator)) {
      deps.add(new File(p).toURI().toURL());
    }
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    int millis = args.length > 4 ? Integer.parseInt(args[4]) : 400;
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair kp = g.generateKeyPair();
    Build before = new Build("before", args[0], deps, kp);
    Build after = new Build("after", args[1], deps, kp);
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      sample.add(before.mint(i));
    }
    double[][] mint = new double[2][rounds];
    double[][] verify = new double[2][rounds];
    Build[] builds = {before, after};
    for (int warm = 0; warm < 2; warm++) {
      for (Build b : builds) {
        mintTurn(b, millis);
        verifyTurn(b, sample, millis);
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 2; i++) {
        int k = (i + r) % 2; // alternate who goes first
        mint[k][r] = mintTurn(builds[k], millis);
        verify[k][r] = verifyTurn(builds[k], sample, millis);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "token-core before/after, one JVM, 1 thread, %d rounds of %d ms turns, java %s; engines:"
            + " before %s, after %s%n%n",
        rounds,
        millis,
        System.getProperty("java.version"),
        before.engine,
        after.engine);
    System.out.println("| | before /s | after /s | after ÷ before (median of rounds) |");
    System.out.println("|---|---:|---:|---:|");
    row("per-viewer mint", mint);
    row("verify", verify);
  }

  private static double mintTurn(Build b, int millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000L;
    long n = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 32; i++) {
        b.mint(n++);
      }
    }
    return n * 1000.0 / millis;
  }

  private static double verifyTurn(Build b, List<String> sample, int millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000L;
    long n = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 32; i++) {
        b.verify.invoke(b.verifier, sample.get((int) (n++ % sample.size())), b.request);
      }
    }
    return n * 1000.0 / millis;
  }

  private static void row(String what, double[][] rates) {
    double[] ratio = new double[rates[0].length];
    for (int i = 0; i < ratio.length; i++) {
      ratio[i] = rates[1][i] / rates[0][i];
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %,.0f | %,.0f | %.3f× |%n",
        what,
        median(rates[0]),
        median(rates[1]),
        median(ratio));
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
