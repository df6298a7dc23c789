package dev.fnctl.cli;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.Only;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.engine.StalePlanException;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An engine that returns what a test sets up and records what the CLI asked of it. */
class FakeEngine implements Engine {
  Plan plan;
  Plan destroyPlan;
  List<Diagnostic> problems = List.of();
  SpecException specProblem;
  ProviderException providerProblem;
  String staleBecause;
  String failing;
  Map<String, String> outputs = Map.of();
  Optional<StackLock.Holder> lock = Optional.empty();

  /** Runs when the first change is done, e.g. to raise a signal mid-apply. */
  Runnable afterFirstChange = () -> {};

  /** Set by {@link #only}: plans are cut down as the real engine cuts them. */
  Only only;

  final List<String> calls = new ArrayList<>();
  ApplyOptions applied;
  Plan reopened;
  int openSessions;

  @Override
  public List<Diagnostic> validate(Path specFile) {
    calls.add("validate " + specFile);
    return problems;
  }

  @Override
  public PlanSession plan(Path specFile, String target, PlanMode mode)
      throws SpecException, ProviderException {
    calls.add("plan " + specFile + " " + target + " " + mode);
    if (specProblem != null) throw specProblem;
    if (providerProblem != null) throw providerProblem;
    return session(mode == PlanMode.DESTROY ? destroyPlan : plan);
  }

  @Override
  public ApplyReport apply(PlanSession session, ApplyOptions options, ApplyListener listener) {
    calls.add("apply " + options.operation());
    applied = options;
    List<ResourceChange> done = new ArrayList<>();
    Map<ResourceChange, String> failed = new LinkedHashMap<>();
    List<ResourceChange> notStarted = new ArrayList<>();
    for (ResourceChange c : session.plan().changes()) {
      if (c.action() == Action.NO_OP) continue;
      // As the real engine: after a failure or an interrupt, nothing new starts.
      if (!failed.isEmpty() || Thread.currentThread().isInterrupted()) {
        notStarted.add(c);
        continue;
      }
      listener.started(c);
      if (c.address().equals(failing)) {
        listener.failed(c, "the cloud said no");
        failed.put(c, "the cloud said no");
      } else {
        listener.finished(c, Duration.ofMillis(1200));
        done.add(c);
        if (done.size() == 1) afterFirstChange.run();
      }
    }
    boolean interrupted = Thread.currentThread().isInterrupted();
    return new ApplyReport(
        done,
        failed,
        notStarted,
        failed.isEmpty() && !interrupted ? outputs : Map.of(),
        interrupted);
  }

  @Override
  public PlanSession reopen(Plan saved) throws StalePlanException {
    calls.add("reopen " + saved.liveDigest());
    reopened = saved;
    if (staleBecause != null) throw new StalePlanException(staleBecause);
    return session(saved.mode() == Plan.Mode.DESTROY ? destroyPlan : plan);
  }

  @Override
  public Optional<StackLock.Holder> unlock(Path specFile, String target, String lockId) {
    calls.add("unlock " + specFile + " " + target);
    Optional<StackLock.Holder> was = lock;
    if (lockId == null || was.map(h -> h.id().equals(lockId)).orElse(false))
      lock = Optional.empty();
    return was;
  }

  @Override
  public Engine only(Only only) {
    calls.add("only " + only.text());
    this.only = only;
    return this;
  }

  @Override
  public Optional<StackLock.Holder> lockHolder(Path specFile, String target) {
    return lock;
  }

  private PlanSession session(Plan whole) {
    Plan p = only == null ? whole : PlanCopies.withChanges(whole, only.select(whole.changes()));
    openSessions++;
    return new PlanSession() {
      @Override
      public Plan plan() {
        return p;
      }

      @Override
      public void close() {
        openSessions--;
      }
    };
  }
}
