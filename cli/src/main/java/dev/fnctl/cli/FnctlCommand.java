package dev.fnctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
    name = "fnctl",
    versionProvider = Version.class,
    mixinStandardHelpOptions = true,
    description = {
      "Deploys serverless functions from one provider-neutral spec. Plans are made against the"
          + " live cloud: there is no state file.",
      ""
    },
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      DestroyCommand.class,
      ShowCommand.class,
      OutputCommand.class,
      InitCommand.class,
      SchemaCommand.class,
      UnlockCommand.class,
      CompletionCommand.class,
      HelpCommand.class,
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success (with plan --detailed-exitcode: no changes)",
      "  1  error: cloud/API failure, failed or interrupted apply, lock held,",
      "     stale saved plan, refused or cancelled confirmation",
      "  2  plan --detailed-exitcode only: changes present",
      "  3  invalid input: spec problems or a bad command line",
      "",
      "--no-color (on any command) or NO_COLOR=1 turns colour off; FNCTL_DEBUG=1 prints stack"
          + " traces of internal errors."
    })
final class FnctlCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec CommandSpec spec;

  /**
   * Read by {@link Main} before parsing, so that even a usage error is plain; declared here so
   * every command accepts it and its help lists it.
   */
  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "Turns colour off, as NO_COLOR=1 does.")
  boolean noColor;

  FnctlCommand(Cli cli) {
    this.cli = cli;
  }

  /** No command given: the usage, on stderr, as for any other bad command line. */
  @Override
  public Integer call() {
    spec.commandLine()
        .usage(
            cli.err,
            cli.palette.enabled()
                ? picocli.CommandLine.Help.Ansi.ON
                : picocli.CommandLine.Help.Ansi.OFF);
    cli.err.flush();
    return ExitCode.INVALID;
  }
}
