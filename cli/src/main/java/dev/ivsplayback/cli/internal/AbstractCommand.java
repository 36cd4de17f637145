package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every command: access to the run's environment, global options and output format. */
abstract class AbstractCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  RootCommand root() {
    return (RootCommand) spec.root().userObject();
  }

  CliEnvironment env() {
    return root().environment();
  }

  GlobalOptions globals() {
    return root().globals();
  }

  boolean json() {
    return globals().json();
  }

  PrintWriter out() {
    return env().stdout();
  }

  PrintWriter err() {
    return env().stderr();
  }

  /** Prints the text form or the JSON form of a result, by --output. */
  void print(String text, Object jsonValue) {
    if (json()) {
      out().println(Json.compact(jsonValue));
    } else {
      out().println(text);
    }
  }

  /** A client for IVS as the global options describe it; the caller closes it. */
  dev.ivsplayback.client.IvsPlaybackClient connect() {
    return IvsConnection.open(globals(), env());
  }
}
