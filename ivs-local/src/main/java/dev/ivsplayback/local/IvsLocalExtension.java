package dev.ivsplayback.local;

import java.net.URI;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs an {@link IvsLocal} for a test class or a test method:
 *
 * <pre>{@code
 * @RegisterExtension
 * static IvsLocalExtension ivs = new IvsLocalExtension();             // one endpoint for the class
 * // or: new IvsLocalExtension(IvsLocal.builder().credentials("AK", "SK")).resetBeforeEachTest();
 * }</pre>
 *
 * <p>Registered on a static field it starts before all tests and closes after them; on an instance
 * field it starts and closes around each test. Test methods may also declare an {@link IvsLocal}
 * parameter. Requires junit-jupiter-api on the test class path (an optional dependency of
 * ivs-local). The extension is driven by JUnit's lifecycle; the endpoint it runs is thread-safe and
 * may serve concurrent tests of the class.
 */
public final class IvsLocalExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final IvsLocal.Builder builder;
  private boolean resetBeforeEach;
  private volatile IvsLocal ivsLocal;
  private boolean perClass;
  private int classDepth;

  /** An extension with {@link IvsLocal#builder()}'s defaults. */
  public IvsLocalExtension() {
    this(IvsLocal.builder());
  }

  /** An extension that builds its endpoint with this builder. */
  public IvsLocalExtension(IvsLocal.Builder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /**
   * Also calls {@link IvsLocalControl#reset()} before each test, so tests of a class do not share
   * state.
   */
  public IvsLocalExtension resetBeforeEachTest() {
    this.resetBeforeEach = true;
    return this;
  }

  /**
   * The running endpoint.
   *
   * @throws IvsLocalException outside a test's lifecycle
   */
  public IvsLocal ivsLocal() {
    IvsLocal l = ivsLocal;
    if (l == null) {
      throw new IvsLocalException(
          "IvsLocalExtension is not running; register it with @RegisterExtension");
    }
    return l;
  }

  /** The running endpoint's URI (for the SDK's endpointOverride). */
  public URI endpoint() {
    return ivsLocal().endpoint();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // @Nested classes run beforeAll again with the outer endpoint still running: share it.
    if (classDepth++ == 0) {
      perClass = true;
      ivsLocal = builder.build().start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classDepth == 0) {
      close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (ivsLocal == null) {
      ivsLocal = builder.build().start();
    } else if (resetBeforeEach) {
      ivsLocal.control().reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      close();
    }
  }

  private void close() {
    IvsLocal l = ivsLocal;
    ivsLocal = null;
    if (l != null) {
      l.close();
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == IvsLocal.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return ivsLocal();
  }
}
