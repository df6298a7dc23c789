package dev.fnctl.cli;

import dev.fnctl.cli.view.InventoryView;
import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.provider.ProviderException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "show",
    description = {
      "Lists what the stack has deployed on a target, read live from the cloud: every resource it"
          + " owns, grouped by spec item, with its key properties (secrets masked) and the item's"
          + " endpoints. Changes nothing and takes no lock.",
      "Exit codes: 0 success (also when nothing is deployed), 1 error, 3 invalid spec or command"
          + " line."
    })
final class ShowCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;
  @Mixin SpecOptions spec;

  @Option(
      names = "--json",
      description = "Prints it as JSON, every property included (secrets masked).")
  boolean json;

  ShowCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException, ProviderException {
    // A destroy plan is exactly the list of what the stack owns on the target, with live values.
    try (PlanSession session =
        cli.engine().plan(spec.existingFile(), spec.target, PlanMode.DESTROY)) {
      if (json) {
        cli.out.print(InventoryView.json(session.plan()));
        cli.out.flush();
      } else {
        new InventoryView(cli.out, cli.palette).show(session.plan());
      }
      return ExitCode.OK;
    }
  }
}
