package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** A session against one AWS account and region for one stack and target. */
final class AwsCloud implements Cloud {
  private final AwsSession session;
  private final AwsServices services;
  private final Path projectDir;
  private final long directUploadLimit;
  private final ResourceTypes types;

  AwsCloud(AwsSession session, Path projectDir, long directUploadLimit) {
    this.session = session;
    this.projectDir = projectDir;
    this.directUploadLimit = directUploadLimit;
    this.services = new AwsServices(session, directUploadLimit);
    this.types = new ResourceTypes(services, session.names);
  }

  /**
   * Builds the clients and checks the credentials with one STS call (unless the account is given).
   */
  static AwsCloud connect(Deployment d, Context context) throws ProviderException {
    Map<String, String> settings = d.target().settings();
    AwsClients clients = new AwsClients(settings, context.env());
    // The region may come from the environment, which validate does not see.
    dev.fnctl.provider.Problem noBudgets = AwsProvider.budgetsNotOffered(d, clients.region.id());
    if (noBudgets != null) {
      clients.close();
      throw new ProviderException(
          ProviderException.Kind.INVALID, noBudgets.path() + ": " + noBudgets.message(), null);
    }
    String account = settings.get("account");
    if (account == null || account.isBlank()) {
      try {
        account = clients.sts.get().getCallerIdentity().account();
      } catch (AwsServiceException e) {
        clients.close();
        // Only a 4xx is about the credentials; STS throttled or down is not the user's doing.
        if (e.statusCode() >= 500 || AwsSession.kind(e) == ProviderException.Kind.THROTTLED) {
          throw AwsSession.failure(
              "AWS target "
                  + d.target().name()
                  + ": STS did not answer who the credentials belong to (throttled or"
                  + " unavailable), run again: "
                  + AwsSession.message(e),
              e);
        }
        throw AwsSession.failure(
            "AWS credentials for target "
                + d.target().name()
                + " were refused: "
                + AwsSession.message(e),
            e);
      } catch (SdkException e) {
        clients.close();
        throw new ProviderException(
            "AWS target " + d.target().name() + ": " + AwsSession.clientMessage(e), e);
      }
    }
    StackNames names = new StackNames(d.stack(), d.target().name(), clients.region.id(), account);
    long window =
        Long.parseLong(context.env().getOrDefault("FNCTL_AWS_CONSISTENCY_WINDOW_MS", "120000"));
    long limit =
        Long.parseLong(
            context
                .env()
                .getOrDefault(
                    "FNCTL_AWS_DIRECT_UPLOAD_LIMIT",
                    String.valueOf(LambdaFunctions.DIRECT_UPLOAD_LIMIT)));
    AwsSession session = new AwsSession(clients, names, context.log(), 16, window);
    Path dir = d.spec().baseDir() != null ? d.spec().baseDir() : context.projectDir();
    return new AwsCloud(session, dir, limit);
  }

  StackNames names() {
    return session.names;
  }

  /** API calls made by this session so far. */
  long calls() {
    return session.clients.calls();
  }

  @Override
  public List<Resource> desired(Deployment deployment) throws ProviderException {
    return new StackLayout(session.names, projectDir, directUploadLimit).expand(deployment);
  }

  @Override
  public LiveState read(Deployment deployment, List<Resource> desired) throws ProviderException {
    LiveState live = new LiveReader(session, services).read(desired);
    refuseExistingThatIsOwned(deployment, live);
    return live;
  }

  /**
   * {@code existing:} is for what the stack does not own. Naming a queue, topic or bucket the stack
   * made itself would leave triggers wired to a resource the same plan deletes (it is owned and no
   * longer declared), so it is refused before anything changes.
   */
  private void refuseExistingThatIsOwned(Deployment d, LiveState live) throws ProviderException {
    List<String> problems = new ArrayList<>();
    for (var q : d.queues().values())
      if (!q.owned()) check(live, QUEUE, "queues." + q.name(), q.existing(), problems);
    for (var t : d.topics().values())
      if (!t.owned()) check(live, TOPIC, "topics." + t.name(), t.existing(), problems);
    for (var b : d.buckets().values())
      if (!b.owned()) check(live, BUCKET, "buckets." + b.name(), b.existing(), problems);
    if (!problems.isEmpty()) throw new ProviderException(String.join("; ", problems));
  }

  private void check(LiveState live, String type, String path, String existing, List<String> out) {
    StackNames n = session.names;
    Existing e =
        type.equals(QUEUE)
            ? Existing.queue(existing, n)
            : type.equals(TOPIC) ? Existing.topic(existing, n) : Existing.bucket(existing, n);
    // Another account's or region's resource is not this stack's, whatever its name.
    if (!e.inTarget(n.account(), n.region())) return;
    String name = e.name();
    if (live.find(address(type, name)).map(LiveResource::owned).orElse(false)) {
      out.add(
          path
              + ".existing names "
              + name
              + ", which stack "
              + session.names.stack()
              + " owns on target "
              + session.names.target()
              + " (fnctl made it): declare it as the stack's own instead of existing,"
              + " or name a resource the stack does not own");
    }
  }

  @Override
  public StackLock lock() {
    return new SsmStackLock(session);
  }

  @Override
  public Map<String, String> outputs(LiveState live) {
    Map<String, String> out = new TreeMap<>();
    String endpoint =
        live.find(address(API, session.names.httpApi()))
            .map(r -> String.valueOf(r.outputs().get(HttpApiType.ENDPOINT)))
            .orElse(null);
    if (endpoint == null || endpoint.isBlank()) return out;
    for (LiveResource r : live.resources()) {
      if (!r.type().equals(ROUTE)) continue;
      String key = String.valueOf(r.properties().get(RouteType.ROUTE_KEY));
      int space = key.indexOf(' ');
      out.put(key, endpoint + (space > 0 ? key.substring(space + 1) : ""));
    }
    return out;
  }

  @Override
  public Map<String, Object> apply(Step step) throws ProviderException {
    return session.during(step.deadline(), () -> applyNow(step));
  }

  /**
   * Long enough for the slowest step AWS has: provisioned concurrency being allocated (fnctl waits
   * up to 15 minutes) after a function's code update (up to 10).
   */
  @Override
  public Duration stepTimeout() {
    return Duration.ofMinutes(30);
  }

  /**
   * A function read mid-create or mid-update (State Pending, LastUpdateStatus InProgress, as a
   * killed run leaves it) is waited for with Lambda's own waiter, then read again.
   */
  @Override
  public LiveResource awaitSettled(LiveResource pending, Deadline deadline)
      throws ProviderException {
    if (!pending.type().equals(FUNCTION)) return Cloud.super.awaitSettled(pending, deadline);
    String name = Address.parse(pending.address()).name();
    return session.during(
        deadline,
        () -> {
          services.functions.awaitReady(name);
          return services.functions.read(name, false).stream()
              .filter(r -> r.address().equals(pending.address()))
              .findFirst()
              .orElse(null);
        });
  }

  /** A bucket's notification configuration is one PUT of the whole: see {@link S3Buckets}. */
  @Override
  public boolean writesTogether(String container) {
    return Address.parse(container).type().equals(NOTIFICATIONS);
  }

  @Override
  public Map<String, Map<String, Object>> applyTogether(String container, List<Step> steps)
      throws ProviderException {
    if (!writesTogether(container) || steps.isEmpty())
      return Cloud.super.applyTogether(container, steps);
    String bucket = Address.parse(container).name();
    Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
    Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
    for (Step step : steps) {
      String id = Address.parse(step.address()).rest();
      if (step.action() == Action.DELETE) {
        if (step.live() != null && !step.live().owned())
          throw new ProviderException(
              step.address()
                  + " is not owned by stack "
                  + session.names.stack()
                  + ": refusing to delete it");
        entries.put(id, null);
      } else {
        entries.put(id, step.after());
      }
      outputs.put(step.address(), Map.of());
    }
    session.during(
        steps.get(0).deadline(), () -> services.buckets.putNotifications(bucket, entries));
    return outputs;
  }

  private Map<String, Object> applyNow(Step step) throws ProviderException {
    if (step.action() == Action.NO_OP)
      return step.live() == null ? Map.of() : step.live().outputs();
    if (step.action() == Action.REPLACE) {
      delete(step.address(), step.live());
      return create(step.address(), step.desired(), step.after());
    }
    if (step.action() == Action.DELETE) {
      delete(step.address(), step.live());
      return Map.of();
    }
    if (step.action() == Action.CREATE || step.live() == null)
      return create(step.address(), step.desired(), step.after());
    return update(step.address(), step.desired(), step.after(), step.live());
  }

  private Map<String, Object> create(String address, Resource desired, Map<String, Object> after)
      throws ProviderException {
    Address a = Address.parse(address);
    return types.of(a.type(), address).create(a, desired, after);
  }

  private Map<String, Object> update(
      String address, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return types.of(live.type(), address).update(Address.parse(address), desired, after, live);
  }

  private void delete(String address, LiveResource live) throws ProviderException {
    if (live == null) return;
    if (!live.owned())
      throw new ProviderException(
          address + " is not owned by stack " + session.names.stack() + ": refusing to delete it");
    types.of(live.type(), address).delete(Address.parse(address), live);
  }

  @Override
  public void close() {
    session.close();
  }

  static Map<String, Object> copy(Map<String, Object> m) {
    return new LinkedHashMap<>(m);
  }
}
