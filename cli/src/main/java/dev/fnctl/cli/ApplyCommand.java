package dev.fnctl.cli;

import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.engine.Only;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.engine.StalePlanException;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.provider.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    description = {
      "Makes the cloud match the spec: plans, shows the plan, asks for confirmation ('yes') and"
          + " applies it in dependency order under the stack lock.",
      "Without a terminal (CI) it refuses unless --auto-approve is given. With a saved PLAN file"
          + " (from 'fnctl plan --out') it applies exactly that plan, and refuses it if any change"
          + " would now differ from the saved one (spec, variables, code or the live cloud changed).",
      "Ctrl-C (or SIGTERM) while changes are made stops it: no new change starts, the ones in"
          + " flight finish, the lock is released and the report says what was not done. A second"
          + " Ctrl-C exits at once and leaves the lock held ('fnctl unlock').",
      "Exit codes: 0 applied (or nothing to do), 1 error, partial or interrupted apply (run apply"
          + " again to converge), 3 invalid spec or command line."
    })
final class ApplyCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec CommandSpec command;
  @Mixin HelpOption help;
  @Mixin SpecOptions spec;
  @Mixin ApplyRun run;
  @Mixin OnlyOption onlyOption;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PLAN",
      description =
          "A plan file saved with 'fnctl plan --out' (or 'fnctl plan --destroy --out'). It names its"
              + " own spec, target and mode.")
  Path planFile;

  ApplyCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException, ProviderException, StalePlanException {
    run.begin(cli, "apply");
    if (planFile != null) return applySaved();
    run.refuseEarly(cli, "apply");
    Only only = onlyOption.only();
    Path file = spec.existingFile();
    try (PlanSession session =
        OnlyOption.engine(cli, only).plan(file, spec.target, PlanMode.NORMAL)) {
      Main.warn(cli, session.warnings());
      OnlyOption.checkFound(only, session.plan());
      OnlyOption.warn(only, run.json ? cli.err : cli.out);
      return run.run(cli, session, false);
    }
  }

  private int applySaved() throws SpecException, ProviderException, StalePlanException {
    if (command.commandLine().getParseResult().hasMatchedOption("-f")
        || command.commandLine().getParseResult().hasMatchedOption("-t")) {
      throw UserError.invalid("a saved plan names its own spec and target: drop -f/-t");
    }
    if (onlyOption.item != null) {
      throw UserError.invalid(
          "a saved plan records its own --only, if it was made with one: drop it");
    }
    Plan saved = SavedPlanFile.read(planFile);
    Only only = recordedOnly(planFile);
    run.refuseEarly(cli, "apply");
    try (PlanSession session = OnlyOption.engine(cli, only).reopen(saved)) {
      Main.warn(cli, session.warnings());
      OnlyOption.warn(only, run.json ? cli.err : cli.out);
      return run.run(cli, session, saved.mode() == Plan.Mode.DESTROY);
    }
  }

  /**
   * The --only a saved plan was made with, or null; {@link SavedPlanFile#read} has checked the
   * file.
   */
  private static Only recordedOnly(Path file) {
    try {
      return OnlyOption.recorded(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw UserError.failed("cannot read the plan " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw UserError.invalid(file + ": not a fnctl plan: " + e.getMessage());
    }
  }
}
