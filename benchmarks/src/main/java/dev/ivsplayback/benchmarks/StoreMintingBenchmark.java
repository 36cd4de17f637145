package dev.ivsplayback.benchmarks;

import dev.ivsplayback.token.PlaybackTokenMinter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-viewer tokens per second through a {@code PlaybackKeyManager}'s signer over each store, the
 * manager reading its store in the background every second. JMH forks one JVM per store, so compare
 * the stores with {@link InterleavedStoreMinting} (one JVM, alternating turns) rather than across
 * these scores.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar StoreMintingBenchmark -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreMintingBenchmark {
  /** The store under the manager. */
  @Param({"memory", "postgresql", "mariadb"})
  public String store;

  private ManagedMinters minters;
  private PlaybackTokenMinter minter;
  private long viewer;

  /**
   * Starts ivs-local and a manager over the store, and waits for its ACTIVE key.
   *
   * @throws Exception if setup fails
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    minters = new ManagedMinters();
    minter = minters.minter(store);
  }

  /**
   * Stops them.
   *
   * @throws Exception if closing fails
   */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    minters.close();
  }

  /**
   * One per-viewer token.
   *
   * @return the token
   */
  @Benchmark
  public String mintPerViewer() {
    return minter.sign(minters.claims(viewer++));
  }
}
