package dev.fnctl.cli;

import dev.fnctl.cli.view.PlanJson;
import dev.fnctl.cli.view.PlanView;
import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.engine.Only;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.provider.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
          "Also saves the plan (JSON, secrets masked) to FILE, for 'fnctl apply FILE'. Apply refuses"
              + " it if any change would now differ from the saved one (spec, variables, code or the live cloud changed).")
  Path outFile;

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
    try (PlanSession session =
        OnlyOption.engine(cli, only).plan(file, spec.target, PlanMode.NORMAL)) {
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
        ? PlanJson.write(plan)
        : OnlyOption.withRecorded(only, PlanJson.toMap(plan));
  }

  private void save(Plan plan, Only only) {
    try {
      Path parent = outFile.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(outFile, saved(plan, only), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.failed("cannot write the plan to " + outFile + ": " + e.getMessage());
    }
    // In JSON or Markdown, stdout carries only the plan, so the note goes to stderr.
    java.io.PrintWriter note = format() == PlanFormat.TEXT ? cli.out : cli.err;
    note.printf(
        "%nSaved the plan to %s. Apply exactly this plan with: fnctl apply %s%n", outFile, outFile);
    note.flush();
  }
}
