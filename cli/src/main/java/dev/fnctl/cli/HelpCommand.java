package dev.fnctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "help",
    helpCommand = true,
    description = {
      "Shows the help of COMMAND, as 'fnctl COMMAND --help' does; without one, fnctl's own.",
      "Exit codes: 0 success, 3 an unknown command."
    })
final class HelpCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", description = "A command.")
  String command;

  HelpCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    CommandLine shown = command == null ? root : root.getSubcommands().get(command);
    if (shown == null) {
      throw UserError.invalid(
          "no command '"
              + command
              + "'; the commands are: "
              + String.join(", ", root.getSubcommands().keySet()));
    }
    shown.usage(cli.out, cli.palette.enabled() ? Ansi.ON : Ansi.OFF);
    cli.out.flush();
    return ExitCode.OK;
  }
}
