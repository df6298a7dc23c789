package dev.fnctl.cli.view;

import dev.fnctl.cli.view.Palette.Style;
import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Apply as it happens (one line when a change starts, one when it ends) and what it came to. The
 * engine calls the listener from several threads, so lines are written whole under a lock.
 */
public final class ApplyView implements ApplyListener {
  private final PrintWriter out;
  private final Palette palette;

  public ApplyView(PrintWriter out, Palette palette) {
    this.out = out;
    this.palette = palette;
  }

  @Override
  public void started(ResourceChange change) {
    line(symbol(change) + " " + change.address() + ": " + progressive(change.action()) + "...");
  }

  @Override
  public void finished(ResourceChange change, Duration took) {
    line(
        symbol(change)
            + " "
            + change.address()
            + ": "
            + past(change.action())
            + " ("
            + seconds(took)
            + ")");
  }

  @Override
  public void failed(ResourceChange change, String message) {
    failed(change, message, ProviderException.Kind.OTHER);
  }

  /** The kind in the same words on every provider: "permission denied: ...", "throttled: ...". */
  @Override
  public void failed(ResourceChange change, String message, ProviderException.Kind kind) {
    line(
        palette.paint(Style.ERROR, "x")
            + " "
            + change.address()
            + ": "
            + kind.word()
            + ": "
            + message);
  }

  /** As Terraform prints it, so a long create in a CI log is visibly alive. */
  @Override
  public void stillRunning(ResourceChange change, Action step, Duration elapsed) {
    line(
        palette.paint(
            Style.QUIET,
            change.address()
                + ": Still "
                + progressive(step)
                + "... ["
                + elapsed.toSeconds()
                + "s elapsed]"));
  }

  /** The first half of a replacement, so that a failure of the second reads against it. */
  @Override
  public void halfDone(ResourceChange change, Action step, Duration took) {
    line(
        symbol(change)
            + " "
            + change.address()
            + ": "
            + (step == Action.DELETE ? "old one deleted" : "new one created")
            + " ("
            + seconds(took)
            + ")");
  }

  @Override
  public void note(String message) {
    line(palette.paint(Style.QUIET, "  " + message));
  }

  private synchronized void line(String text) {
    out.println(text);
    out.flush();
  }

  /**
   * The end of an apply or destroy: the totals when everything was done; otherwise (a failure, or
   * an interrupt) exactly what was done, what failed and why, and what was never started, so the
   * user knows a re-run will converge. Outputs (endpoints) follow a successful apply.
   */
  public synchronized void report(ApplyReport report, boolean destroy) {
    out.println();
    Plan.Summary done = Plan.Summary.of(report.done());
    long added = done.add(), changed = done.change(), destroyed = done.destroy();
    if (report.succeeded()) {
      String totals =
          destroy
              ? String.format("Destroy complete! Resources: %d destroyed.", destroyed)
              : String.format(
                  "Apply complete! Resources: %d added, %d changed, %d destroyed.",
                  added, changed, destroyed);
      out.println(palette.paint(Style.ADD, totals));
      outputs(report.outputs());
    } else {
      out.println(
          palette.paint(
              Style.ERROR,
              String.format(
                  "%s %s: %d done, %d failed, %d not started.",
                  destroy ? "Destroy" : "Apply",
                  report.interrupted() ? "interrupted" : "failed",
                  report.done().size(),
                  report.failed().size(),
                  report.notStarted().size())));
      section("Done:", report.done());
      if (!report.failed().isEmpty()) {
        out.println("Failed:");
        for (Map.Entry<ResourceChange, String> f : report.failed().entrySet()) {
          ProviderException.Kind kind = report.kindOf(f.getKey());
          out.println(
              "  "
                  + symbol(f.getKey())
                  + " "
                  + f.getKey().address()
                  + ": "
                  + (kind == ProviderException.Kind.OTHER ? "" : kind.word() + ": ")
                  + f.getValue());
        }
      }
      section("Not started:", report.notStarted());
      out.printf(
          "%s %s again: finished changes are not repeated.%n",
          report.failed().isEmpty() ? "Run" : "Fix the failure and run",
          destroy ? "destroy" : "apply");
    }
    out.flush();
  }

  /** Endpoint URLs and the like, the way serverless tools print them after a deploy. */
  public synchronized void outputs(Map<String, String> outputs) {
    if (outputs.isEmpty()) return;
    out.println();
    out.println(palette.paint(Style.HEADING, "Outputs:"));
    int width = outputs.keySet().stream().mapToInt(String::length).max().orElse(0);
    outputs.forEach((k, v) -> out.println("  " + k + ":" + " ".repeat(width - k.length() + 1) + v));
    out.flush();
  }

  private void section(String title, List<ResourceChange> changes) {
    if (changes.isEmpty()) return;
    out.println(title);
    for (ResourceChange c : changes) out.println("  " + symbol(c) + " " + c.address());
  }

  /** The change's symbol; a replacement's says which of its steps goes first. */
  private String symbol(ResourceChange change) {
    Style style =
        switch (change.action()) {
          case CREATE -> Style.ADD;
          case UPDATE -> Style.CHANGE;
          case DELETE, REPLACE -> Style.DESTROY;
          case NO_OP -> Style.QUIET;
        };
    return palette.paint(style, change.symbol());
  }

  private static String progressive(Action action) {
    return switch (action) {
      case CREATE -> "creating";
      case UPDATE -> "updating";
      case DELETE -> "deleting";
      case REPLACE -> "replacing";
      case NO_OP -> "checking";
    };
  }

  private static String past(Action action) {
    return switch (action) {
      case CREATE -> "created";
      case UPDATE -> "updated";
      case DELETE -> "deleted";
      case REPLACE -> "replaced";
      case NO_OP -> "unchanged";
    };
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
