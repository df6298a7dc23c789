package dev.fnctl.cli.view;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code apply --json} and {@code destroy --json}: one JSON object per line, as {@code terraform
 * apply -json} prints, so a CI step or a bot follows a run without parsing text. The first event
 * names the {@link #SCHEMA_VERSION}; the events and their fields are documented in {@code
 * docs/json-events.md} and {@code docs/json-events.schema.json}, which a test holds this class to.
 *
 * <p>Every event has {@code @level}, {@code @message} (what the text view would say), {@code
 * @timestamp} and {@code type}. The engine calls the listener from several threads, so each line
 * is written whole under a lock.
 */
public final class ApplyEvents implements ApplyListener {
  /** Bumped in its major part on any incompatible change; a new event or field bumps the minor. */
  public static final String SCHEMA_VERSION = "1.0";

  private final PrintWriter out;
  private final Clock clock;

  public ApplyEvents(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** The first line of every stream. */
  public void version(String fnctlVersion, String operation) {
    Map<String, Object> e = event("info", "fnctl " + fnctlVersion, "version");
    e.put("schema_version", SCHEMA_VERSION);
    e.put("fnctl_version", fnctlVersion);
    e.put("operation", operation);
    emit(e);
  }

  /** One event per change the plan makes (no-ops left out), then the plan's totals. */
  public void planned(Plan plan) {
    for (ResourceChange c : plan.changes()) {
      if (c.action() == Action.NO_OP) continue;
      Map<String, Object> e =
          event("info", c.address() + ": plan to " + c.action().word(), "planned_change");
      e.put("change", change(c));
      e.put("reason", c.reason() == null ? "" : c.reason());
      emit(e);
    }
    Plan.Summary s = plan.summary();
    Map<String, Object> e =
        event(
            "info",
            String.format(
                "Plan: %d to add, %d to change, %d to destroy.", s.add(), s.change(), s.destroy()),
            "change_summary");
    e.put("operation", "plan");
    e.put("stack", plan.stack());
    e.put("target", plan.target());
    e.put("provider", plan.provider());
    e.put("changes", counts(s.add(), s.change(), s.destroy()));
    emit(e);
  }

  @Override
  public void started(ResourceChange c) {
    Map<String, Object> e =
        event("info", c.address() + ": " + c.action().word() + " started", "apply_start");
    e.put("change", change(c));
    emit(e);
  }

  @Override
  public void finished(ResourceChange c, Duration took) {
    Map<String, Object> e =
        event("info", c.address() + ": " + c.action().word() + " complete", "apply_complete");
    e.put("change", change(c));
    e.put("elapsed_seconds", BigDecimal.valueOf(took.toMillis()).movePointLeft(3));
    emit(e);
  }

  @Override
  public void failed(ResourceChange c, String message) {
    Map<String, Object> e = event("error", c.address() + ": failed: " + message, "apply_errored");
    e.put("change", change(c));
    e.put("error", message);
    emit(e);
  }

  /**
   * A change still running (a long create in a CI log is visibly alive). Not an {@code @Override}
   * yet: the listener gains this method with the engine's progress reports, and this takes it.
   */
  public void stillRunning(ResourceChange c, Action step, Duration elapsed) {
    Map<String, Object> e =
        event(
            "info",
            c.address() + ": still " + ing(step) + "... [" + elapsed.toSeconds() + "s elapsed]",
            "apply_progress");
    e.put("change", change(c));
    e.put("step", step.word());
    e.put("elapsed_seconds", BigDecimal.valueOf(elapsed.toMillis()).movePointLeft(3));
    emit(e);
  }

  private static String ing(Action step) {
    return switch (step) {
      case CREATE -> "creating";
      case UPDATE -> "updating";
      case DELETE -> "deleting";
      case REPLACE -> "replacing";
      case NO_OP -> "checking";
    };
  }

  /** The first half of a replacement is done; as {@link #stillRunning}, ready for the listener. */
  public void halfDone(ResourceChange c, Action step, Duration took) {
    Map<String, Object> e =
        event(
            "info", c.address() + ": " + step.word() + " done, half of replace", "apply_progress");
    e.put("change", change(c));
    e.put("step", step.word());
    e.put("elapsed_seconds", BigDecimal.valueOf(took.toMillis()).movePointLeft(3));
    emit(e);
  }

  /** A provider's note while changes are made (a retry, a wait): it names no single change. */
  @Override
  public void note(String message) {
    emit(event("info", message, "apply_progress"));
  }

  /** What the run came to: the outputs after a success, then the totals and what was not done. */
  public void report(ApplyReport report, boolean destroy) {
    if (report.succeeded()) outputs(report.outputs());
    Plan.Summary done = Plan.Summary.of(report.done());
    long added = done.add(), changed = done.change(), destroyed = done.destroy();
    String operation = destroy ? "destroy" : "apply";
    String result =
        report.succeeded() ? "complete" : report.interrupted() ? "interrupted" : "failed";
    Map<String, Object> e =
        event(
            report.succeeded() ? "info" : "error",
            String.format(
                "%s %s! Resources: %d added, %d changed, %d destroyed.",
                destroy ? "Destroy" : "Apply", result, added, changed, destroyed),
            "change_summary");
    e.put("operation", operation);
    e.put("result", result);
    e.put("changes", counts(added, changed, destroyed));
    e.put("failed", addresses(new ArrayList<>(report.failed().keySet())));
    e.put("not_started", addresses(report.notStarted()));
    emit(e);
  }

  /** The endpoints and the like; after a successful run, and when there is nothing to do. */
  public void outputs(Map<String, String> outputs) {
    Map<String, Object> e = event("info", "Outputs: " + outputs.size(), "outputs");
    e.put("outputs", new LinkedHashMap<>(outputs));
    emit(e);
  }

  /** A spec problem: where it is, as {@code validate} reports it. */
  public void diagnostic(Diagnostic d) {
    Map<String, Object> e = event("error", d.render(), "diagnostic");
    Map<String, Object> diag = new LinkedHashMap<>();
    diag.put("severity", "error");
    diag.put("summary", d.message());
    diag.put("file", d.position().file());
    diag.put("line", (long) d.position().line());
    diag.put("column", (long) d.position().column());
    diag.put("path", d.path());
    e.put("diagnostic", diag);
    emit(e);
  }

  /** Any other error that ends the run (the cloud, a lock, a stale plan): the one-line message. */
  public void error(String message) {
    Map<String, Object> e = event("error", message, "diagnostic");
    Map<String, Object> diag = new LinkedHashMap<>();
    diag.put("severity", "error");
    diag.put("summary", message);
    e.put("diagnostic", diag);
    emit(e);
  }

  private Map<String, Object> event(String level, String message, String type) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("@level", level);
    e.put("@message", message);
    e.put("@timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    e.put("type", type);
    return e;
  }

  private static Map<String, Object> change(ResourceChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", c.address());
    m.put("resource_type", c.type());
    m.put("item", c.item() == null ? "" : c.item());
    m.put("action", c.action().word());
    return m;
  }

  private static Map<String, Object> counts(long add, long change, long destroy) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("add", add);
    m.put("change", change);
    m.put("destroy", destroy);
    return m;
  }

  private static List<String> addresses(List<ResourceChange> changes) {
    return changes.stream().map(ResourceChange::address).toList();
  }

  private synchronized void emit(Map<String, Object> event) {
    out.println(Json.writeCompact(event));
    out.flush();
  }
}
