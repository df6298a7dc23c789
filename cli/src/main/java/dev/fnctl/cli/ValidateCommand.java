package dev.fnctl.cli;

import dev.fnctl.cli.view.DiagnosticsJson;
import dev.fnctl.cli.view.SarifLog;
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

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = ValidateFormat.Converter.class,
      description =
          "How to report: text (default; problems on stderr), json (one object on stdout) or sarif"
              + " (a SARIF 2.1.0 log on stdout, for code scanning). The exit code is the same.")
  ValidateFormat format = ValidateFormat.TEXT;

  ValidateCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException {
    Path path = SpecOptions.existing(file);
    List<Diagnostic> problems = cli.engine().validate(path);
    if (format != ValidateFormat.TEXT) {
      cli.out.print(
          format == ValidateFormat.SARIF
              ? SarifLog.write(Version.number(), problems)
              : DiagnosticsJson.write(path.toString(), problems));
      cli.out.flush();
      return Diagnostic.anyError(problems) ? ExitCode.INVALID : ExitCode.OK;
    }
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
