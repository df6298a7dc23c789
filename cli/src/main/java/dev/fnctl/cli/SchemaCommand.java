package dev.fnctl.cli;

import dev.fnctl.model.load.SpecSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "schema",
    description = {
      "Prints the JSON Schema of the spec, for editors.",
      "Save it next to the spec and point the YAML language server at it:",
      "  fnctl schema > fnctl.schema.json",
      "Validation by fnctl itself goes further (cron, references, provider rules): use 'fnctl"
          + " validate'.",
      "Exit codes: 0."
    })
final class SchemaCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;

  SchemaCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    String text = SpecSchema.text();
    cli.out.print(text.endsWith("\n") ? text : text + "\n");
    cli.out.flush();
    return ExitCode.OK;
  }
}
