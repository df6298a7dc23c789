package dev.fnctl.provider.gcp;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A session against one Google Cloud project and region for one stack and target. */
final class GcpCloud implements Cloud {
  private final GcpSession session;
  private final GcpServices services;
  private final ResourceTypes types;
  private final Path projectDir;
  private final String stateBucket;
  private Deployment deployment;

  private GcpCloud(GcpSession session, Path projectDir, String stateBucket) {
    this.session = session;
    this.services = new GcpServices(session);
    this.types = new ResourceTypes(services);
    this.projectDir = projectDir;
    this.stateBucket = stateBucket;
  }

  static GcpCloud connect(Deployment d, Context context) throws ProviderException {
    Map<String, String> s = d.target().settings();
    String project = s.get("project");
    String region = s.get("region");
    if (project == null || project.isBlank() || region == null || region.isBlank())
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          "target " + d.target().name() + " needs project: and region: for Google Cloud");
    GcpNames names = new GcpNames(d.stack(), d.target().name(), project, region);
    GcpSession session = GcpSession.open(names, s.get("endpoint"), context);
    session.billingAccount(s.get("billingAccount"));
    Path dir = d.spec().baseDir() != null ? d.spec().baseDir() : context.projectDir();
    String bucket = s.get("stateBucket");
    return new GcpCloud(
        session,
        dir,
        bucket == null || bucket.isBlank() ? GcsStackLock.defaultBucket(names) : bucket);
  }

  GcpNames names() {
    return session.names;
  }

  @Override
  public List<Resource> desired(Deployment d) throws ProviderException {
    this.deployment = d;
    return new StackLayout(session.names, projectDir).expand(d);
  }

  @Override
  public LiveState read(Deployment d, List<Resource> desired) throws ProviderException {
    this.deployment = d;
    return new LiveReader(session, services).read(desired);
  }

  @Override
  public StackLock lock() {
    return new GcsStackLock(session, stateBucket);
  }

  /** Each http route as {@code METHOD /path} to the function's URL with that path. */
  @Override
  public Map<String, String> outputs(LiveState live) {
    Map<String, String> out = new TreeMap<>();
    if (deployment == null) return out;
    for (FunctionSpec f : deployment.functions().values())
      for (Trigger t : f.triggers())
        if (t instanceof Trigger.Http h) {
          String address = GcpTypes.address(GcpTypes.FUNCTION, session.names.function(f.name()));
          live.find(address)
              .map(r -> r.outputs().get(FunctionType.URL))
              .filter(u -> u != null && !String.valueOf(u).isBlank())
              .ifPresent(
                  u -> {
                    String base = String.valueOf(u);
                    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
                    out.put(h.method() + " " + h.path(), base + h.path());
                  });
        }
    return out;
  }

  /** A function's build can take several minutes; Eventarc triggers a few more. */
  @Override
  public Duration stepTimeout() {
    return Duration.ofMinutes(30);
  }

  @Override
  public LiveResource awaitSettled(LiveResource pending, Deadline deadline)
      throws ProviderException {
    if (!pending.type().equals(GcpTypes.FUNCTION))
      return Cloud.super.awaitSettled(pending, deadline);
    String id = Address.parse(pending.address()).name();
    return session.during(deadline, () -> services.functions.awaitSettled(id));
  }

  @Override
  public Map<String, Object> apply(Step step) throws ProviderException {
    return session.during(step.deadline(), () -> applyNow(step));
  }

  private Map<String, Object> applyNow(Step step) throws ProviderException {
    Address a = Address.parse(step.address());
    if (step.action() == Action.NO_OP)
      return step.live() == null ? Map.of() : step.live().outputs();
    if (step.action() == Action.DELETE) {
      delete(a, step.live());
      return Map.of();
    }
    if (step.action() == Action.REPLACE) {
      delete(a, step.live());
      return types.of(a.type(), step.address()).create(a, step.desired(), step.after());
    }
    if (step.action() == Action.CREATE || step.live() == null)
      return types.of(a.type(), step.address()).create(a, step.desired(), step.after());
    if (!step.live().owned()) throw notOwned(step.address(), "change");
    return types
        .of(step.live().type(), step.address())
        .update(a, step.desired(), step.after(), step.live());
  }

  private void delete(Address a, LiveResource live) throws ProviderException {
    if (live == null) return;
    if (!live.owned()) throw notOwned(a.toString(), "delete");
    types.of(live.type(), a.toString()).delete(a, live);
  }

  private ProviderException notOwned(String address, String what) {
    return new ProviderException(
        address
            + " is not owned by stack "
            + session.names.stack()
            + " on target "
            + session.names.target()
            + ": refusing to "
            + what
            + " it");
  }

  @Override
  public void close() {
    session.close();
  }
}
