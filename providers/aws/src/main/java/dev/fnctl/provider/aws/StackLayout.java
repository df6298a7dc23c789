package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a deployment into AWS resources, each with exactly the property shapes {@link LiveReader}
 * reads back, so that an applied spec plans to no changes. ARNs are computed (the account is known
 * once connected); only generated ids (API Gateway) are {@link Ref}s.
 *
 * <p>Each kind of spec item expands in its own small layout ({@link QueueLayout}, {@link
 * TopicLayout}, {@link BucketLayout}, {@link FunctionLayout}, {@link ScheduleLayout}, {@link
 * HttpLayout}, {@link BudgetLayout}); this class runs them in order and holds what they share: the
 * resources so far, the physical names of spec items, and what a trigger invokes.
 */
final class StackLayout {
  private final StackNames names;
  private final Path baseDir;
  private final long directUploadLimit;
  private final List<Resource> out = new ArrayList<>();
  private final Map<String, Resource> byAddress = new LinkedHashMap<>();

  StackLayout(StackNames names, Path baseDir, long directUploadLimit) {
    this.names = names;
    this.baseDir = baseDir;
    this.directUploadLimit = directUploadLimit;
  }

  /**
   * The layout {@code validate} checks names on: it packages no code (a function's {@code
   * codeSha256} is {@link #CODE_NOT_PACKAGED} and no artifact bucket is added), so it reads no
   * files; every address is the one a connected expansion gives for the same names.
   */
  static StackLayout offline(StackNames names) {
    return new StackLayout(names, null, Long.MAX_VALUE);
  }

  /** The code hash of an offline expansion, which packages nothing. */
  static final String CODE_NOT_PACKAGED = "";

  List<Resource> expand(Deployment d) throws ProviderException {
    QueueLayout queues = new QueueLayout(this);
    TopicLayout topics = new TopicLayout(this);
    BucketLayout buckets = new BucketLayout(this);
    FunctionLayout functions = new FunctionLayout(this);
    ScheduleLayout schedules = new ScheduleLayout(this);
    HttpLayout http = new HttpLayout(this);
    BudgetLayout budgets = new BudgetLayout(this);

    queues.queues(d);
    topics.topics(d);
    buckets.buckets(d);
    List<String> scheduled = new ArrayList<>();
    boolean anyHttp = false;
    for (FunctionSpec f : d.functions().values()) {
      functions.function(d, f);
      for (Trigger t : f.triggers()) {
        if (t instanceof Trigger.Schedule) scheduled.add(invokeArn(f));
        if (t instanceof Trigger.Http) anyHttp = true;
      }
    }
    if (!scheduled.isEmpty()) schedules.schedulerBase(scheduled);
    if (anyHttp) http.httpBase();
    // Schedules and notifications are named by what they are (Trigger.slug), not by list position:
    // reordering triggers changes nothing, inserting one creates exactly one.
    for (FunctionSpec f : d.functions().values()) {
      for (Trigger t : f.triggers()) {
        if (t instanceof Trigger.Http h) http.trigger(d, f, h);
        else if (t instanceof Trigger.Schedule s) schedules.trigger(d, f, s);
        else if (t instanceof Trigger.Queue q) queues.trigger(d, f, q);
        else if (t instanceof Trigger.Storage s) buckets.trigger(d, f, s);
        else if (t instanceof Trigger.Topic tp) topics.trigger(d, f, tp);
      }
    }
    for (Budget b : d.budgets().values()) budgets.budget(d, b);
    return List.copyOf(out);
  }

  StackNames names() {
    return names;
  }

  /** Where function code is read from; null for an {@link #offline} layout. */
  Path baseDir() {
    return baseDir;
  }

  long directUploadLimit() {
    return directUploadLimit;
  }

  /**
   * A resource several parts of one item ask for is added once. One that two items ask for is kept
   * twice: the engine refuses the spec, naming both, rather than one item silently losing its
   * settings.
   */
  void add(Resource r) {
    Resource had = byAddress.putIfAbsent(r.address(), r);
    if (had == null || !had.item().equals(r.item())) out.add(r);
  }

  String queueName(Deployment d, String name) {
    QueueSpec q = d.queues().get(name);
    if (q != null && !q.owned()) return lastSegment(q.existing());
    return names.queue(name);
  }

  String topicName(Deployment d, String name) {
    TopicSpec t = d.topics().get(name);
    if (t != null && !t.owned()) return lastSegment(t.existing());
    return names.topic(name);
  }

  String bucketName(Deployment d, String name) {
    BucketSpec b = d.buckets().get(name);
    if (b != null && !b.owned()) return lastSegment(b.existing());
    return names.bucket(name);
  }

  /** The ARN of spec queue {@code name}: the stack's, or its {@code existing:} one as written. */
  String queueArn(Deployment d, String name) {
    QueueSpec q = d.queues().get(name);
    if (q != null && !q.owned()) return Existing.queue(q.existing(), names).arn();
    return names.queueArn(names.queue(name));
  }

  /** The ARN of spec topic {@code name}: the stack's, or its {@code existing:} one as written. */
  String topicArn(Deployment d, String name) {
    TopicSpec t = d.topics().get(name);
    if (t != null && !t.owned()) return Existing.topic(t.existing(), names).arn();
    return names.topicArn(names.topic(name));
  }

  /** The account spec topic {@code name} is in: an existing topic's ARN says, else the target's. */
  String topicAccount(Deployment d, String name) {
    TopicSpec t = d.topics().get(name);
    if (t != null && !t.owned())
      return Existing.topic(t.existing(), names).accountOr(names.account());
    return names.account();
  }

  /** The ARN of spec bucket {@code name}: the stack's, or its {@code existing:} one as written. */
  String bucketArn(Deployment d, String name) {
    BucketSpec b = d.buckets().get(name);
    if (b != null && !b.owned()) return Existing.bucket(b.existing(), names).arn();
    return names.bucketArn(names.bucket(name));
  }

  /** {@code existing:} may be a name, an ARN or (for queues) a URL: the name is the last part. */
  static String lastSegment(String existing) {
    String s = existing;
    if (s.startsWith("arn:")) return s.substring(s.lastIndexOf(':') + 1);
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** The address of {@code physical} as a dependency, if the stack makes it (else none). */
  List<String> ownedDep(String type, String physical) {
    String a = address(type, physical);
    return byAddress.containsKey(a) ? List.of(a) : List.of();
  }

  /** Whether the function keeps instances warm: provisioned concurrency on its alias. */
  static boolean warm(FunctionSpec f) {
    return f.concurrency().warm() != null && f.concurrency().warm() > 0;
  }

  String aliasAddress(FunctionSpec f) {
    return address(ALIAS, names.function(f.name()) + ":" + StackNames.ALIAS);
  }

  /**
   * What triggers invoke: the alias of a warm function (where its provisioned concurrency is), else
   * the function.
   */
  String invokeArn(FunctionSpec f) {
    String phys = names.function(f.name());
    return warm(f) ? names.aliasArn(phys) : names.functionArn(phys);
  }

  /** The function or alias name a resource policy statement for the triggers goes on. */
  String invokeName(FunctionSpec f) {
    String phys = names.function(f.name());
    return warm(f) ? phys + ":" + StackNames.ALIAS : phys;
  }

  /** What a trigger must wait for: the function and, for a warm one, its alias. */
  List<String> invokeDeps(FunctionSpec f) {
    String fn = address(FUNCTION, names.function(f.name()));
    return warm(f) ? List.of(fn, aliasAddress(f)) : List.of(fn);
  }

  /** The address of the stack's HTTP API. */
  String apiAddress() {
    return address(API, names.httpApi());
  }

  @SafeVarargs
  static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) out.addAll(l);
    return out;
  }

  /**
   * A statement in the resource policy of what the triggers invoke (the function, or the alias of a
   * warm one); the source is an ARN or, for HTTP, the API id.
   */
  String permission(
      FunctionSpec f, String item, String sid, String principal, Object source, List<String> deps) {
    return permission(f, item, sid, principal, source, names.account(), deps);
  }

  /** As above, with the account the source is in (an existing topic of another account). */
  String permission(
      FunctionSpec f,
      String item,
      String sid,
      String principal,
      Object source,
      String sourceAccount,
      List<String> deps) {
    String a = address(PERMISSION, invokeName(f) + "/" + sid);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(PermissionType.PRINCIPAL, principal);
    p.put(source instanceof Ref ? PermissionType.API : PermissionType.SOURCE, source);
    if (!(source instanceof Ref)) p.put(PermissionType.SOURCE_ACCOUNT, sourceAccount);
    add(
        Resource.of(a, PERMISSION, item, p, concat(invokeDeps(f), deps))
            .inContainer(policyOf(invokeName(f))));
    return a;
  }
}
