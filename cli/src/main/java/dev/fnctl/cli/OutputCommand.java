package dev.fnctl.cli;

import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.json.Json;
import dev.fnctl.provider.ProviderException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "output",
    description = {
      "Prints the stack's outputs on a target (its endpoint URLs), read live, for scripts:"
          + " 'NAME: value' lines, or with NAME only that value.",
      "Exit codes: 0 success, 1 error or no output called NAME, 3 invalid spec or command line."
    })
final class OutputCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;
  @Mixin SpecOptions spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "One output, e.g. 'POST /orders' (quote names with spaces).")
  String name;

  @Option(
      names = "--json",
      description = "Prints a JSON object of name to value, or with NAME a JSON string.")
  boolean json;

  OutputCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException, ProviderException {
    Map<String, String> outputs;
    // Outputs are read from the live resources; a destroy plan reads them without diffing the spec.
    try (PlanSession session =
        cli.engine().plan(spec.existingFile(), spec.target, PlanMode.DESTROY)) {
      outputs = session.plan().outputs();
    }
    if (name != null) {
      String value = outputs.get(name);
      if (value == null) {
        throw UserError.failed(
            "no output called '"
                + name
                + "'"
                + (outputs.isEmpty()
                    ? ": the stack has no outputs on this target (is it applied?)"
                    : "; the outputs are: " + String.join(", ", outputs.keySet())));
      }
      cli.out.println(json ? Json.writeCompact(value) : value);
    } else if (json) {
      cli.out.println(Json.write(outputs));
    } else {
      int width = outputs.keySet().stream().mapToInt(String::length).max().orElse(0);
      outputs.forEach((k, v) -> cli.out.println(k + ":" + " ".repeat(width - k.length() + 1) + v));
    }
    cli.out.flush();
    return ExitCode.OK;
  }
}
