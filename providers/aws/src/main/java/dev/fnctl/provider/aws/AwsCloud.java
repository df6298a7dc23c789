package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A session against one AWS account and region for one stack and target. */
final class AwsCloud implements Cloud {
  private final AwsSession session;
  private final AwsServices services;
  private final Path projectDir;
  private final long directUploadLimit;

  AwsCloud(AwsSession session, Path projectDir, long directUploadLimit) {
    this.session = session;
    this.projectDir = projectDir;
    this.directUploadLimit = directUploadLimit;
    this.services = new AwsServices(session, directUploadLimit);
  }

  /**
   * Builds the clients and checks the credentials with one STS call (unless the account is given).
   */
  static AwsCloud connect(Deployment d, Context context) throws ProviderException {
    Map<String, String> settings = d.target().settings();
    AwsClients clients = new AwsClients(settings, context.env());
    String account = settings.get("account");
    if (account == null || account.isBlank()) {
      try {
        account = clients.sts.get().getCallerIdentity().account();
      } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        clients.close();
        throw new ProviderException(
            "AWS credentials for target "
                + d.target().name()
                + " were refused: "
                + AwsSession.message(e),
            e);
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
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
    List<String> problems = new java.util.ArrayList<>();
    for (var q : d.queues().values())
      if (!q.owned()) check(live, QUEUE, "queues." + q.name(), q.existing(), problems);
    for (var t : d.topics().values())
      if (!t.owned()) check(live, TOPIC, "topics." + t.name(), t.existing(), problems);
    for (var b : d.buckets().values())
      if (!b.owned()) check(live, BUCKET, "buckets." + b.name(), b.existing(), problems);
    if (!problems.isEmpty()) throw new ProviderException(String.join("; ", problems));
  }

  private void check(LiveState live, String type, String path, String existing, List<String> out) {
    String name = StackLayout.lastSegment(existing);
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
            .map(r -> String.valueOf(r.outputs().get("endpoint")))
            .orElse(null);
    if (endpoint == null || endpoint.isBlank()) return out;
    for (LiveResource r : live.resources()) {
      if (!r.type().equals(ROUTE)) continue;
      String key = String.valueOf(r.properties().get("routeKey"));
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
    String name = AwsTypes.name(pending.address());
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
    return container.startsWith(AwsTypes.notificationsOf(""));
  }

  @Override
  public Map<String, Map<String, Object>> applyTogether(String container, List<Step> steps)
      throws ProviderException {
    if (!writesTogether(container) || steps.isEmpty())
      return Cloud.super.applyTogether(container, steps);
    String bucket = container.substring(AwsTypes.notificationsOf("").length());
    Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
    Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
    for (Step step : steps) {
      String id = after(AwsTypes.name(step.address()));
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
    String type = address.substring(0, address.indexOf('/'));
    String name = AwsTypes.name(address);
    return switch (type) {
      case ROLE -> services.roles.create(name, after);
      case FUNCTION -> services.functions.create(name, after, code(desired));
      case ALIAS -> services.aliases.create(StackNames.functionName(name), after);
      case PERMISSION -> services.permissions.put(before(name), after(name), after, false);
      case EVENT_SOURCE -> services.eventSources.create(address, after);
      case QUEUE -> services.queues.create(name, after);
      case TOPIC -> services.topics.create(name);
      case SUBSCRIPTION -> services.topics.subscribe(address, after);
      case BUCKET -> services.buckets.create(name);
      case NOTIFICATION -> services.buckets.putNotification(before(name), after(name), after);
      case SCHEDULE_GROUP -> services.schedules.createGroup(name);
      case SCHEDULE -> services.schedules.put(name, after, true);
      case API -> services.apis.createApi(name);
      case STAGE -> services.apis.putStage(address, after(name), after, true);
      case INTEGRATION -> services.apis.putIntegration(address, after, null);
      case ROUTE -> services.apis.putRoute(address, after, null);
      case BUDGET -> services.budgets.create(name, after);
      default ->
          throw new ProviderException("unknown AWS resource type " + type + " at " + address);
    };
  }

  private Map<String, Object> update(
      String address, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    String type = live.type();
    String name = AwsTypes.name(address);
    Map<String, Object> before = live.properties();
    return switch (type) {
      case ROLE -> services.roles.update(name, after, before);
      case FUNCTION ->
          services.functions.update(name, after, before, live.outputs(), code(desired));
      case ALIAS -> services.aliases.update(StackNames.functionName(name), after, before);
      case PERMISSION -> services.permissions.put(before(name), after(name), after, true);
      case EVENT_SOURCE ->
          services.eventSources.update(address, (String) live.outputs().get("id"), after);
      case QUEUE -> services.queues.update(name, after, before);
      case TOPIC, BUCKET, SCHEDULE_GROUP, API -> live.outputs();
      case SUBSCRIPTION -> services.topics.subscribe(address, after);
      case NOTIFICATION -> services.buckets.putNotification(before(name), after(name), after);
      case SCHEDULE -> services.schedules.put(name, after, false);
      case STAGE -> services.apis.putStage(address, after(name), after, false);
      case INTEGRATION ->
          services.apis.putIntegration(address, after, (String) live.outputs().get("id"));
      case ROUTE -> services.apis.putRoute(address, after, (String) live.outputs().get("id"));
      case BUDGET -> services.budgets.update(name, after, before);
      default ->
          throw new ProviderException("unknown AWS resource type " + type + " at " + address);
    };
  }

  private void delete(String address, LiveResource live) throws ProviderException {
    if (live == null) return;
    if (!live.owned())
      throw new ProviderException(
          address + " is not owned by stack " + session.names.stack() + ": refusing to delete it");
    String name = AwsTypes.name(address);
    Map<String, Object> p = live.properties();
    switch (live.type()) {
      case ROLE -> services.roles.delete(name);
      case FUNCTION -> services.functions.delete(name);
      case ALIAS -> services.aliases.delete(StackNames.functionName(name));
      case PERMISSION -> services.permissions.remove(before(name), after(name));
      case EVENT_SOURCE -> services.eventSources.delete(address, (String) live.outputs().get("id"));
      case QUEUE -> services.queues.delete(name);
      case TOPIC -> services.topics.delete(name);
      case SUBSCRIPTION -> services.topics.unsubscribe(address, (String) live.outputs().get("arn"));
      case BUCKET -> services.buckets.delete(name, name.equals(session.names.artifactBucket()));
      case NOTIFICATION -> services.buckets.putNotification(before(name), after(name), null);
      case SCHEDULE_GROUP -> services.schedules.deleteGroup(name);
      case SCHEDULE -> services.schedules.delete(name);
      case API -> services.apis.deleteApi(name, (String) live.outputs().get("id"));
      case STAGE -> services.apis.deleteStage(address, (String) p.get("api"), after(name));
      case INTEGRATION ->
          services.apis.deleteIntegration(
              address, (String) p.get("api"), (String) live.outputs().get("id"));
      case ROUTE ->
          services.apis.deleteRoute(
              address, (String) p.get("api"), (String) live.outputs().get("id"));
      case BUDGET -> services.budgets.delete(name);
      default ->
          throw new ProviderException(
              "unknown AWS resource type " + live.type() + " at " + address);
    }
  }

  private static LambdaZip code(Resource desired) {
    return desired != null && desired.payload() instanceof LambdaZip c ? c : null;
  }

  /** "bucket/id" -> "bucket"; the first segment of a qualified name. */
  private static String before(String qualified) {
    return qualified.substring(0, qualified.indexOf('/'));
  }

  private static String after(String qualified) {
    return qualified.substring(qualified.indexOf('/') + 1);
  }

  @Override
  public void close() {
    session.close();
  }

  static Map<String, Object> copy(Map<String, Object> m) {
    return new LinkedHashMap<>(m);
  }
}
