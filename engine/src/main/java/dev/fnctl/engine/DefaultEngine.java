package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The engine: loads, validates, reads the live cloud, diffs, and applies under the stack lock. */
final class DefaultEngine implements Engine {
  private final Providers providers;
  private final Map<String, String> env;
  private final SpecSource specs;

  /** {@code --only}: null plans every item. */
  private final Only only;

  DefaultEngine(Providers providers, Map<String, String> env, SpecSource specs) {
    this(providers, env, specs, null);
  }

  private DefaultEngine(Providers providers, Map<String, String> env, SpecSource specs, Only only) {
    this.providers = providers;
    this.env = Map.copyOf(env);
    this.specs = specs;
    this.only = only;
  }

  @Override
  public Engine only(Only only) {
    return new DefaultEngine(providers, env, specs, only);
  }

  @Override
  public List<Diagnostic> validate(Path specFile) {
    LinkedHashSet<Diagnostic> problems = new LinkedHashSet<>();
    try {
      for (SpecLoader.ForTarget t : specs.loadEveryTarget(specFile)) {
        problems.addAll(t.problems());
        problems.addAll(Validation.check(t.spec(), t.target(), providers, t.problems()));
      }
    } catch (SpecException e) {
      problems.addAll(e.diagnostics());
    }
    // In file order, as the model's own problems are, whichever check found them; problems with
    // no line, then those in other files (a code directory's .fnctlignore), last.
    List<Diagnostic> sorted = new ArrayList<>(problems);
    String file = specFile.toString();
    sorted.sort(
        java.util.Comparator.comparing((Diagnostic d) -> !d.position().file().equals(file))
            .thenComparingInt(
                d -> d.position().line() > 0 ? d.position().line() : Integer.MAX_VALUE)
            .thenComparingInt(d -> d.position().column()));
    return List.copyOf(sorted);
  }

  @Override
  public PlanSession plan(Path specFile, String target, PlanMode mode)
      throws SpecException, ProviderException {
    Opened o = open(specFile, target);
    try {
      List<Resource> desired = o.cloud.desired(o.deployment);
      NameCollisions.refuse(o.spec, desired);
      LiveState live = o.cloud.read(o.deployment, desired);
      List<ResourceChange> changes =
          SecretReferences.masked(
              planner(o.deployment).plan(desired, live, mode),
              SecretReferences.of(o.deployment, desired, live));
      return session(specFile.toString(), o, desired, live, changes, mode, mode);
    } catch (SpecException | ProviderException | RuntimeException e) {
      o.cloud.close();
      throw e;
    }
  }

  @Override
  public PlanSession reopen(Plan saved)
      throws SpecException, ProviderException, StalePlanException {
    SpecSource.Loaded loaded = savedSpec(saved);
    Opened o = open(loaded);
    try {
      List<Resource> desired = o.cloud.desired(o.deployment);
      NameCollisions.refuse(o.spec, desired);
      LiveState live = o.cloud.read(o.deployment, desired);
      if (!LiveDigest.of(live).equals(saved.liveDigest())) {
        throw new StalePlanException(
            "the live state of target '"
                + saved.target()
                + "' changed since the plan was made (an apply ran, or something was changed outside fnctl)");
      }
      PlanMode mode = saved.mode() == Plan.Mode.DESTROY ? PlanMode.DESTROY : PlanMode.NORMAL;
      List<ResourceChange> changes = sameChanges(o.deployment, desired, live, saved, mode);
      return session(saved.specFile(), o, desired, live, changes, mode, null);
    } catch (SpecException | ProviderException | StalePlanException | RuntimeException e) {
      o.cloud.close();
      throw e;
    }
  }

  /**
   * The spec a saved plan was made from: at its path as given, relative to where fnctl runs now
   * (the same place in another checkout, as in a CI deploy job), else at its absolute path (the
   * same machine, another directory). The first whose bytes are the ones planned wins, so an
   * unrelated spec that happens to sit at the relative path is passed over.
   */
  private SpecSource.Loaded savedSpec(Plan saved) throws SpecException, StalePlanException {
    List<Path> candidates = new ArrayList<>();
    for (String f : new String[] {saved.specFile(), saved.specFileAbsolute()}) {
      if (f != null && specs.exists(Path.of(f)) && !candidates.contains(Path.of(f)))
        candidates.add(Path.of(f));
    }
    if (candidates.isEmpty()) {
      throw new SpecException(
          List.of(
              new Diagnostic(
                  Position.ofFile(saved.specFile()),
                  "",
                  "the spec this plan was made from is not there"
                      + (saved.specFileAbsolute() == null
                          ? ""
                          : " (nor at " + saved.specFileAbsolute() + ")")
                      + "; a saved plan names its own spec: apply it from the directory it was made in, or"
                      + " from a checkout with the spec at the same relative path")));
    }
    SpecException unreadable = null;
    SpecSource.Loaded found = null;
    for (Path file : candidates) {
      try {
        SpecSource.Loaded loaded = specs.load(file, saved.target());
        if (Objects.equals(loaded.spec().digest(), saved.specDigest())) return loaded;
        if (found == null) found = loaded;
      } catch (SpecException e) {
        if (unreadable == null) unreadable = e;
      }
    }
    if (found == null) throw unreadable;
    throw new StalePlanException(
        "the spec file " + found.spec().file() + " changed since the plan was made");
  }

  /**
   * The saved plan's changes, recomputed in the plan's own mode and masked as the saved ones were,
   * when they are exactly the saved ones (see {@link SavedPlanCheck}); otherwise the plan is
   * refused with what differs.
   */
  private List<ResourceChange> sameChanges(
      Deployment d, List<Resource> desired, LiveState live, Plan saved, PlanMode mode)
      throws ProviderException, StalePlanException {
    List<ResourceChange> changes =
        SecretReferences.masked(
            planner(d).plan(desired, live, mode), SecretReferences.of(d, desired, live));
    List<String> differences = SavedPlanCheck.differences(saved.changes(), changes);
    if (!differences.isEmpty()) {
      throw new StalePlanException(
          "what the spec calls for now differs from the plan: "
              + SavedPlanCheck.describe(differences));
    }
    return changes;
  }

  @Override
  public ApplyReport apply(PlanSession planSession, ApplyOptions options, ApplyListener listener)
      throws ProviderException {
    if (!(planSession instanceof Session s)) {
      throw new IllegalArgumentException("not a session made by this engine");
    }
    ApplyListener l = listener == null ? ApplyListener.NONE : listener;
    Applier applier = // checks parallelism before locking
        new Applier(
            s.cloud, options.parallelism(), options.stepTimeout(), options.progressEvery(), l);
    s.log.to(l);
    try {
      LockGuard lock =
          LockGuard.acquire(s.cloud.lock(), options.operation(), options.lockTimeout(), l);
      try {
        return applyLocked(s, applier, l, lock.waited());
      } finally {
        lock.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          "apply was interrupted while waiting for the stack lock; nothing was changed");
    } finally {
      s.log.to(ApplyListener.NONE);
    }
  }

  private ApplyReport applyLocked(Session s, Applier applier, ApplyListener l, boolean waited)
      throws ProviderException {
    // Under the lock, the cloud must still be what was planned against: another run may have
    // applied between this plan and now.
    LiveState now;
    try {
      now = s.cloud.read(s.deployment, s.desired);
    } catch (ProviderException e) {
      // Interrupted during the read: the applier, interrupted, starts nothing and reports every
      // change as not started, as for an interrupt a moment later.
      if (Thread.currentThread().isInterrupted())
        return applier.run(s.plan.changes(), s.desiredByAddress, s.live);
      throw e;
    }
    if (!LiveDigest.of(now).equals(s.plan.liveDigest()) && waited && s.replanAs != null) {
      // The run that held the lock changed the cloud while this one waited (--lock-timeout): what
      // the plan was made against is gone, so plan afresh under the lock rather than fail as stale.
      // A saved plan (replanAs null) is never re-planned: it is applied as reviewed or refused.
      List<ResourceChange> changes =
          SecretReferences.masked(
              planner(s.deployment).plan(s.desired, now, s.replanAs),
              SecretReferences.of(s.deployment, s.desired, now));
      long count = changes.stream().filter(c -> c.action() != Action.NO_OP).count();
      l.note(
          "the live state changed while waiting for the lock; planned again under the lock: "
              + (count == 0 ? "no changes" : count + " change" + (count == 1 ? "" : "s")));
      Map<String, LiveResource> live = new java.util.LinkedHashMap<>();
      for (LiveResource r : now.resources()) live.put(r.address(), r);
      ApplyReport report = applier.run(changes, s.desiredByAddress, live);
      if (!report.succeeded() || report.interrupted()) return report;
      return new ApplyReport(
          report.done(), report.failed(), report.notStarted(), outputsAfter(s, l));
    }
    if (!LiveDigest.of(now).equals(s.plan.liveDigest())) {
      throw new ProviderException(
          "the live state of target '"
              + s.plan.target()
              + "' changed since the plan was made (another run applied, or something was changed outside"
              + " fnctl); nothing was changed: run fnctl plan again");
    }
    ApplyReport report = applier.run(s.plan.changes(), s.desiredByAddress, s.live);
    // Reading the outputs back is left out of an interrupted run too: the user wants it to end.
    if (!report.succeeded() || report.interrupted()) return report;
    return new ApplyReport(
        report.done(),
        report.failed(),
        report.notStarted(),
        outputsAfter(s, l),
        false,
        report.failureKinds());
  }

  private static Map<String, String> outputsAfter(Session s, ApplyListener l) {
    try {
      return s.cloud.outputs(s.cloud.read(s.deployment, s.desired));
    } catch (ProviderException e) {
      l.note("applied, but could not read the outputs back: " + e.getMessage());
      return Map.of();
    }
  }

  @Override
  public Optional<StackLock.Holder> unlock(Path specFile, String target, String lockId)
      throws SpecException, ProviderException {
    Opened o = open(specFile, target);
    try (Cloud cloud = o.cloud) {
      StackLock lock = cloud.lock();
      Optional<StackLock.Holder> holder = lock.holder();
      if (lockId == null) {
        lock.forceRelease();
        return holder;
      }
      if (holder.isEmpty()) return holder;
      StackLock.Holder h = holder.get();
      if (!h.id().equals(lockId)) {
        throw new ProviderException(
            "the stack lock is held by "
                + h.who()
                + " ("
                + h.operation()
                + " since "
                + h.since()
                + ") with lock id "
                + h.id()
                + ", not "
                + lockId
                + "; nothing was removed");
      }
      // Released as that holder: if another run took the lock meanwhile, it is left alone.
      lock.release(h);
      return holder;
    }
  }

  @Override
  public Optional<StackLock.Holder> lockHolder(Path specFile, String target)
      throws SpecException, ProviderException {
    Opened o = open(specFile, target);
    try (Cloud cloud = o.cloud) {
      return cloud.lock().holder();
    }
  }

  private record Opened(
      Spec spec,
      String target,
      Deployment deployment,
      Cloud cloud,
      Session.LogSink log,
      List<Diagnostic> warnings) {}

  private Opened open(Path specFile, String target) throws SpecException, ProviderException {
    return open(specs.load(specFile, target));
  }

  private Opened open(SpecSource.Loaded loaded) throws SpecException, ProviderException {
    Spec spec = loaded.spec();
    List<Diagnostic> problems = Validation.check(spec, loaded.target(), providers);
    if (Diagnostic.anyError(problems)) throw new SpecException(problems);
    Deployment deployment = spec.forTarget(loaded.target());
    Provider provider = providers.find(deployment.target().provider()).orElseThrow();
    Session.LogSink log = new Session.LogSink();
    Cloud cloud = provider.connect(deployment, new Context(projectDir(spec), env, log));
    return new Opened(spec, loaded.target(), deployment, cloud, log, List.copyOf(problems));
  }

  private static Path projectDir(Spec spec) {
    if (spec.baseDir() != null) return spec.baseDir();
    Path parent = spec.file().toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  private Planner planner(Deployment d) {
    if (only != null) return new OnlyPlanner(d.stack(), d.target().name(), only);
    return new Planner(d.stack(), d.target().name());
  }

  private Session session(
      String specFile,
      Opened o,
      List<Resource> desired,
      LiveState live,
      List<ResourceChange> changes,
      PlanMode mode,
      PlanMode replanAs) {
    Plan plan =
        new Plan(
            Plan.FORMAT_VERSION,
            Version.current(),
            mode == PlanMode.DESTROY ? Plan.Mode.DESTROY : Plan.Mode.APPLY,
            o.deployment.stack(),
            o.target,
            o.deployment.target().provider(),
            specFile,
            o.spec.file() == null ? null : o.spec.file().toAbsolutePath().normalize().toString(),
            o.spec.digest(),
            LiveDigest.of(live),
            List.copyOf(changes),
            java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(o.cloud.outputs(live))));
    return new Session(
        plan, o.deployment, o.cloud, desired, live.resources(), o.log, o.warnings, replanAs);
  }
}
