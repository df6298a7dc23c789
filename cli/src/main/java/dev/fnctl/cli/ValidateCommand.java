package dev.fnctl.cli;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    description = {
      "Checks a spec without touching any cloud: syntax, fields, types, ranges, durations, cron"
          + " expressions, names, references, and each target's provider rules.",
      "Every problem is printed as file:line:column: path: message, a warning as"
          + " file:line:column: warning: path: message. Exit 0 when valid (warnings or not), 3"
          + " when there are errors."
    })
final class ValidateCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The spec file (default: ${DEFAULT-VALUE}).",
      defaultValue = SpecOptions.DEFAULT_FILE)
  Path file;

  ValidateCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException {
    Path path = SpecOptions.existing(file);
    List<Diagnostic> problems = cli.engine().validate(path);
    if (Diagnostic.anyError(problems)) throw new SpecException(problems);
    Main.warn(cli, problems);
    long warnings = problems.size();
    cli.out.println(
        path
            + " is valid"
            + (warnings == 0
                ? "."
                : " (" + warnings + " warning" + (warnings > 1 ? "s" : "") + ")."));
    cli.out.flush();
    return ExitCode.OK;
  }
}
