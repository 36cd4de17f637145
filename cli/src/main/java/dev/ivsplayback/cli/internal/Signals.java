package dev.ivsplayback.cli.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Turns SIGINT and SIGTERM into a callback, so that a foreground server can close its socket and
 * return normally (exit 0) instead of being torn down by the JVM's default handlers.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every OpenJDK build) through
 * reflection, which keeps the build free of internal-API warnings; where it is missing, a shutdown
 * hook is the fallback.
 */
public final class Signals {

  private Signals() {}

  /**
   * Runs {@code action} on the first SIGINT or SIGTERM. Installed only by the command that waits
   * for it.
   */
  public static void onTermination(Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Constructor<?> newSignal = signalClass.getConstructor(String.class);
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      Object handler =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  action.run();
                  return null;
                }
                if (method.getName().equals("toString")) {
                  return "ivs-playback termination handler";
                }
                if (method.getName().equals("hashCode")) {
                  return System.identityHashCode(proxy);
                }
                if (method.getName().equals("equals")) {
                  return proxy == args[0];
                }
                return null;
              });
      for (String name : new String[] {"INT", "TERM"}) {
        handle.invoke(null, newSignal.newInstance(name), handler);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Runtime.getRuntime().addShutdownHook(new Thread(action, "ivs-playback-shutdown"));
    }
  }
}
