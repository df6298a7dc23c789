package dev.fnctl.cli;

import dev.fnctl.cli.view.PlanView;
import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "plan",
    description = {
      "Reads the live cloud, compares it with the spec and shows what apply would change. Changes"
          + " nothing.",
      "Exit codes: 0 success, 1 error, 3 invalid spec or command line; with --detailed-exitcode: 0"
          + " no changes, 2 changes present."
    })
final class PlanCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;
  @Mixin SpecOptions spec;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Also saves the plan (JSON, secrets masked, readable by you only) to FILE, for 'fnctl"
              + " apply FILE'. FILE's directory must exist. Apply refuses it if any change would now"
              + " differ from the saved one (spec, variables, code or the live cloud changed).")
  Path outFile;

  @Option(
      names = "--destroy",
      description =
          "Plans what 'fnctl destroy' would do: deleting everything the stack owns on the target."
              + " With --out, 'fnctl apply FILE' then destroys exactly that.")
  boolean destroy;

  @Option(names = "--json", description = "Prints the plan as JSON instead of text.")
  boolean json;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 0 when there are no changes, 2 when there are, 1 on error.")
  boolean detailedExitCode;

  PlanCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException, ProviderException {
    Path file = spec.existingFile();
    if (outFile != null) SavedPlanFile.checkWritable(outFile);
    try (PlanSession session =
        cli.engine().plan(file, spec.target, destroy ? PlanMode.DESTROY : PlanMode.NORMAL)) {
      Main.warn(cli, session.warnings());
      Plan plan = session.plan();
      PlanView view = json ? PlanView.json(cli.out) : PlanView.human(cli.out, cli.palette);
      view.show(plan);
      if (outFile != null) save(plan);
      return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    }
  }

  private void save(Plan plan) {
    SavedPlanFile.write(outFile, plan);
    // With --json, stdout carries only the plan, so the note goes to stderr.
    (json ? cli.err : cli.out)
        .printf(
            "%nSaved the plan to %s. Apply exactly this plan with: fnctl apply %s%n",
            outFile, outFile);
    (json ? cli.err : cli.out).flush();
  }
}
