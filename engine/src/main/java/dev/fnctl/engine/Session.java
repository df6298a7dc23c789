package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plan with the provider session, expansion and live state it was computed from. */
final class Session implements PlanSession {
  final Plan plan;
  final Deployment deployment;
  final Cloud cloud;
  final List<Resource> desired;
  final Map<String, Resource> desiredByAddress = new LinkedHashMap<>();
  final Map<String, LiveResource> live = new LinkedHashMap<>();
  final LogSink log;
  private final List<Diagnostic> warnings;

  /**
   * How the plan was made, so that a run that had to wait for the lock can plan afresh under it;
   * null for a saved plan, which is applied as saved or refused as stale, never re-planned.
   */
  final Engine.PlanMode replanAs;

  private boolean closed;

  Session(
      Plan plan,
      Deployment deployment,
      Cloud cloud,
      List<Resource> desired,
      List<LiveResource> live,
      LogSink log,
      List<Diagnostic> warnings,
      Engine.PlanMode replanAs) {
    this.plan = plan;
    this.warnings = List.copyOf(warnings);
    this.replanAs = replanAs;
    this.deployment = deployment;
    this.cloud = cloud;
    this.desired = List.copyOf(desired);
    this.log = log;
    for (Resource r : desired) desiredByAddress.put(r.address(), r);
    for (LiveResource l : live) this.live.put(l.address(), l);
  }

  @Override
  public Plan plan() {
    return plan;
  }

  @Override
  public List<Diagnostic> warnings() {
    return warnings;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    cloud.close();
  }

  /**
   * Where provider notes go: nowhere while planning, to the apply listener while applying. The
   * provider gets its {@link Context} at connect time, before any listener exists.
   */
  static final class LogSink implements Context.Log {
    private volatile ApplyListener listener = ApplyListener.NONE;

    void to(ApplyListener l) {
      listener = l == null ? ApplyListener.NONE : l;
    }

    @Override
    public void note(String message) {
      ApplyListener l = listener;
      synchronized (l) {
        l.note(message);
      }
    }
  }
}
