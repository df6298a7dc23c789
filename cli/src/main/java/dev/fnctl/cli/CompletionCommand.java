package dev.fnctl.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Prints a shell completion script for fnctl's commands and options.",
      "bash: add 'source <(fnctl completion bash)' to ~/.bashrc. zsh: add 'source <(fnctl"
          + " completion zsh)' to ~/.zshrc.",
      "Exit codes: 0 success, 3 an unknown shell."
    })
final class CompletionCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      description = "bash or zsh.",
      completionCandidates = Shells.class)
  String shell;

  CompletionCommand(Cli cli) {
    this.cli = cli;
  }

  static final class Shells extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Shells() {
      super(java.util.List.of("bash", "zsh"));
    }
  }

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw UserError.invalid("'" + shell + "' is not a shell fnctl completes: use bash or zsh");
    }
    // One script for both: picocli's bash script turns on zsh's bash completion layer itself.
    cli.out.print(AutoComplete.bash("fnctl", spec.root().commandLine()));
    cli.out.flush();
    return ExitCode.OK;
  }
}
