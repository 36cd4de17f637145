package dev.ivsplayback.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code store}: key store administration. */
@Command(
    name = "store",
    description = "Key store administration.",
    subcommands = {StoreInitCommand.class})
final class StoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "choose a subcommand: init");
  }
}
