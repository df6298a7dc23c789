package dev.fnctl.cli;

import dev.fnctl.cli.view.PlanView;
import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.engine.Only;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.PlanDocument;
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
  @Mixin OnlyOption onlyOption;

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

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = PlanFormat.Converter.class,
      description =
          "How to print the plan: text (default), json (the record, as --out saves it) or markdown"
              + " (for a pull-request comment or CI job summary: destroys first, one collapsible"
              + " section per spec item, secrets masked, at most 65,536 characters).")
  PlanFormat format;

  @Option(names = "--json", description = "Short for --format json.")
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
    format();
    Only only = onlyOption.only();
    Path file = spec.existingFile();
    if (outFile != null) SavedPlanFile.checkWritable(outFile);
    try (PlanSession session =
        OnlyOption.engine(cli, only)
            .plan(file, spec.target, destroy ? PlanMode.DESTROY : PlanMode.NORMAL)) {
      Main.warn(cli, session.warnings());
      Plan plan = session.plan();
      OnlyOption.checkFound(only, plan);
      OnlyOption.warn(only, format() == PlanFormat.TEXT ? cli.out : cli.err);
      view(format(), only).show(plan);
      if (outFile != null) save(plan, only);
      return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    }
  }

  private PlanFormat format() {
    if (json && format != null && format != PlanFormat.JSON) {
      throw UserError.invalid(
          "--json is short for --format json; it cannot be given with --format " + format.word());
    }
    if (json) return PlanFormat.JSON;
    return format == null ? PlanFormat.TEXT : format;
  }

  private PlanView view(PlanFormat f, Only only) {
    return switch (f) {
      case TEXT -> PlanView.human(cli.out, cli.palette);
      case JSON ->
          plan -> {
            // The same bytes --out saves, --only included.
            cli.out.print(saved(plan, only));
            cli.out.flush();
          };
      case MARKDOWN ->
          only == null
              ? PlanView.markdown(cli.out)
              : PlanView.markdown(cli.out, OnlyOption.warning(only));
    };
  }

  private static String saved(Plan plan, Only only) {
    return only == null
        ? PlanDocument.write(plan)
        : OnlyOption.withRecorded(only, PlanDocument.toMap(plan));
  }

  private void save(Plan plan, Only only) {
    SavedPlanFile.write(outFile, saved(plan, only));
    // In JSON or Markdown, stdout carries only the plan, so the note goes to stderr.
    java.io.PrintWriter note = format() == PlanFormat.TEXT ? cli.out : cli.err;
    note.printf(
        "%nSaved the plan to %s. Apply exactly this plan with: fnctl apply %s%n", outFile, outFile);
    note.flush();
  }
}
