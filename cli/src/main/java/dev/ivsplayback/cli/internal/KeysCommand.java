package dev.ivsplayback.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keys}: the playback key pairs in IVS and in a key store. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {"List or delete playback key pairs in IVS; show a key store's status."},
    subcommands = {KeysListCommand.class, KeysDeleteCommand.class, KeysStatusCommand.class})
final class KeysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    RootCommand root = (RootCommand) spec.root().userObject();
    root.environment()
        .stderr()
        .println(
            "ivs-playback keys: a subcommand is required: list, delete or status"
                + " (see 'ivs-playback keys --help')");
    return 2;
  }
}
