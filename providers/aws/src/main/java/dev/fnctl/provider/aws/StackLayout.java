package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expands a deployment into AWS resources, each with exactly the property shapes {@link LiveReader}
 * reads back, so that an applied spec plans to no changes. ARNs are computed (the account is known
 * once connected); only generated ids (API Gateway) are {@link Ref}s.
 */
final class StackLayout {
  static final String LAMBDA_TRUST = "lambda.amazonaws.com";
  static final String SCHEDULER_TRUST = "scheduler.amazonaws.com";
  static final String BASIC_EXECUTION = "AWSLambdaBasicExecutionRole";
  static final String POLICY_VERSION = "2012-10-17";

  static final long DEFAULT_RETENTION = 345_600L;
  static final long DLQ_RETENTION = 1_209_600L;

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

  List<Resource> expand(Deployment d) throws ProviderException {
    queues(d);
    topics(d);
    buckets(d);
    List<String> scheduled = new ArrayList<>();
    boolean http = false;
    for (FunctionSpec f : d.functions().values()) {
      function(d, f);
      for (Trigger t : f.triggers()) {
        if (t instanceof Trigger.Schedule) scheduled.add(invokeArn(f));
        if (t instanceof Trigger.Http) http = true;
      }
    }
    if (!scheduled.isEmpty()) schedulerBase(scheduled);
    if (http) httpBase();
    for (FunctionSpec f : d.functions().values()) triggers(d, f);
    for (Budget b : d.budgets().values()) budget(d, b);
    return List.copyOf(out);
  }

  /**
   * A resource several parts of one item ask for is added once. One that two items ask for is kept
   * twice: the engine refuses the spec, naming both, rather than one item silently losing its
   * settings.
   */
  private void add(Resource r) {
    Resource had = byAddress.putIfAbsent(r.address(), r);
    if (had == null || !had.item().equals(r.item())) out.add(r);
  }

  // ---- queues, topics, buckets

  private void queues(Deployment d) {
    Map<String, Long> consumerTimeout = new TreeMap<>();
    for (FunctionSpec f : d.functions().values()) {
      for (Trigger t : f.triggers()) {
        if (t instanceof Trigger.Queue q)
          consumerTimeout.merge(q.queue(), f.timeout().getSeconds(), Math::max);
      }
    }
    for (QueueSpec q : d.queues().values()) {
      if (!q.owned()) continue;
      String phys = names.physical(q.name());
      String item = "queue " + q.name();
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("visibilityTimeout", visibilityTimeout(q, consumerTimeout.get(q.name())));
      props.put("messageRetention", DEFAULT_RETENTION);
      props.put("redrive", null);
      List<String> deps = new ArrayList<>();
      if (q.deadLetter() != null) {
        String dlq = phys + "-dlq";
        Map<String, Object> dlqProps = new LinkedHashMap<>();
        dlqProps.put("visibilityTimeout", 30L);
        dlqProps.put("messageRetention", DLQ_RETENTION);
        dlqProps.put("redrive", null);
        add(Resource.of(address(QUEUE, dlq), QUEUE, item, dlqProps, List.of()));
        Map<String, Object> redrive = new LinkedHashMap<>();
        redrive.put("deadLetterTargetArn", names.queueArn(dlq));
        redrive.put("maxReceiveCount", (long) q.deadLetter().maxReceives());
        props.put("redrive", redrive);
        deps.add(address(QUEUE, dlq));
      }
      add(Resource.of(address(QUEUE, phys), QUEUE, item, props, deps));
    }
  }

  /** SQS refuses an event source whose function may run longer than the visibility timeout. */
  static long visibilityTimeout(QueueSpec q, Long consumerTimeoutSeconds) {
    if (q.visibilityTimeout() != null) return q.visibilityTimeout().getSeconds();
    long consumer = consumerTimeoutSeconds == null ? 0 : consumerTimeoutSeconds;
    return Math.max(30L, consumer);
  }

  private void topics(Deployment d) {
    for (TopicSpec t : d.topics().values()) {
      if (!t.owned()) continue;
      add(
          Resource.of(
              address(TOPIC, names.physical(t.name())),
              TOPIC,
              "topic " + t.name(),
              Map.of(),
              List.of()));
    }
  }

  private void buckets(Deployment d) {
    for (BucketSpec b : d.buckets().values()) {
      if (!b.owned()) continue;
      add(
          Resource.of(
              address(BUCKET, names.physical(b.name())),
              BUCKET,
              "bucket " + b.name(),
              Map.of(),
              List.of()));
    }
  }

  String queueName(Deployment d, String name) {
    QueueSpec q = d.queues().get(name);
    if (q != null && !q.owned()) return lastSegment(q.existing());
    return names.physical(name);
  }

  String topicName(Deployment d, String name) {
    TopicSpec t = d.topics().get(name);
    if (t != null && !t.owned()) return lastSegment(t.existing());
    return names.physical(name);
  }

  String bucketName(Deployment d, String name) {
    BucketSpec b = d.buckets().get(name);
    if (b != null && !b.owned()) return lastSegment(b.existing());
    return names.physical(name);
  }

  /** {@code existing:} may be a name, an ARN or (for queues) a URL: the name is the last part. */
  static String lastSegment(String existing) {
    String s = existing;
    if (s.startsWith("arn:")) return s.substring(s.lastIndexOf(':') + 1);
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private List<String> ownedDep(String type, String physical) {
    String a = address(type, physical);
    return byAddress.containsKey(a) ? List.of(a) : List.of();
  }

  // ---- functions

  private void function(Deployment d, FunctionSpec f) throws ProviderException {
    String phys = names.physical(f.name());
    String item = "function " + f.name();
    String roleAddress = address(ROLE, phys);

    Map<String, Object> role = new LinkedHashMap<>();
    role.put("trust", LAMBDA_TRUST);
    role.put("managedPolicies", List.of(names.managedPolicyArn(BASIC_EXECUTION)));
    Map<String, Object> policy = policy(d, f);
    role.put("policy", policy);
    role.put(IamRoles.OTHER_POLICIES, Map.of());
    add(Resource.of(roleAddress, ROLE, item, role, List.of()));

    LambdaZip code =
        LambdaZip.of(f.name(), dev.fnctl.provider.CodePackager.pack(baseDir, f.code()));
    Map<String, Object> fn = new LinkedHashMap<>();
    fn.put("runtime", LambdaRuntimes.lambdaId(f.runtime()).orElse(f.runtime()));
    fn.put("handler", f.handler());
    fn.put("memory", (long) f.memory());
    fn.put("timeout", f.timeout().getSeconds());
    fn.put("architecture", f.architecture());
    fn.put("environment", environment(f));
    fn.put("role", names.roleArn(phys));
    fn.put("codeSha256", code.sha256Base64());
    fn.put(
        "reservedConcurrency", f.concurrency().max() == null ? null : (long) f.concurrency().max());
    if (warm(f)) fn.put("published", true);
    List<String> deps = new ArrayList<>(List.of(roleAddress));
    if (code.size() > directUploadLimit) {
      // Too large for a direct upload: through the stack's artifact bucket.
      String bucket = address(BUCKET, names.artifactBucket());
      add(Resource.of(bucket, BUCKET, names.stackItem(), Map.of(), List.of()));
      deps.add(bucket);
    }
    String fnAddress = address(FUNCTION, phys);
    add(new Resource(fnAddress, FUNCTION, item, fn, Set.of(), secretVariables(f), deps, code));
    if (warm(f)) {
      Set<String> renewedBy = new TreeSet<>(LambdaFunctions.VERSION_CONTENT);
      renewedBy.add("published");
      Map<String, Object> alias = new LinkedHashMap<>();
      alias.put("version", new Ref(fnAddress, "version", renewedBy));
      alias.put("provisionedConcurrency", (long) f.concurrency().warm());
      add(Resource.of(aliasAddress(f), ALIAS, item, alias, List.of(fnAddress)));
    }
  }

  /** Whether the function keeps instances warm: provisioned concurrency on its alias. */
  static boolean warm(FunctionSpec f) {
    return f.concurrency().warm() != null && f.concurrency().warm() > 0;
  }

  private String aliasAddress(FunctionSpec f) {
    return address(ALIAS, names.physical(f.name()) + ":" + StackNames.ALIAS);
  }

  /**
   * What triggers invoke: the alias of a warm function (where its provisioned concurrency is), else
   * the function.
   */
  private String invokeArn(FunctionSpec f) {
    String phys = names.physical(f.name());
    return warm(f) ? names.aliasArn(phys) : names.functionArn(phys);
  }

  /** The function or alias name a resource policy statement for the triggers goes on. */
  private String invokeName(FunctionSpec f) {
    String phys = names.physical(f.name());
    return warm(f) ? phys + ":" + StackNames.ALIAS : phys;
  }

  /** What a trigger must wait for: the function and, for a warm one, its alias. */
  private List<String> invokeDeps(FunctionSpec f) {
    String fn = address(FUNCTION, names.physical(f.name()));
    return warm(f) ? List.of(fn, aliasAddress(f)) : List.of(fn);
  }

  /** Plain env plus, per secret, a reference to it (never its value): {@code KEY_SECRET_ID}. */
  static Map<String, Object> environment(FunctionSpec f) {
    Map<String, Object> env = new TreeMap<>(f.env());
    if (f.secrets() != null)
      f.secrets().forEach((k, ref) -> env.put(FunctionSpec.secretIdVariable(k), ref));
    return env;
  }

  /** The variables holding secret references: every view masks them. */
  static Set<String> secretVariables(FunctionSpec f) {
    Set<String> paths = new TreeSet<>();
    if (f.secrets() != null)
      f.secrets()
          .keySet()
          .forEach(k -> paths.add("environment." + FunctionSpec.secretIdVariable(k)));
    return paths;
  }

  /** The least-privilege inline policy: one statement per granted thing, exact ARNs. */
  private Map<String, Object> policy(Deployment d, FunctionSpec f) {
    Map<String, Statement> statements = new TreeMap<>();
    for (Permission p : f.permissions()) {
      grant(statements, d, p.kind(), p.name(), p.access());
    }
    for (Trigger t : f.triggers()) {
      // The event source mapping polls with the function's own role.
      if (t instanceof Trigger.Queue q)
        grant(statements, d, Permission.Kind.QUEUE, q.queue(), Permission.Access.CONSUME);
    }
    if (f.secrets() != null) {
      for (String ref : new TreeSet<>(f.secrets().values())) {
        grant(statements, d, Permission.Kind.SECRET, ref, Permission.Access.READ);
      }
    }
    if (statements.isEmpty()) return null;
    return policyDocument(statements.values());
  }

  record Statement(String sid, Set<String> actions, Set<String> resources) {}

  static Map<String, Object> policyDocument(java.util.Collection<Statement> statements) {
    List<Object> list = new ArrayList<>();
    statements.stream()
        .sorted(Comparator.comparing(Statement::sid))
        .forEach(
            s -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("Sid", s.sid());
              m.put("Effect", "Allow");
              m.put("Action", List.copyOf(new TreeSet<>(s.actions())));
              m.put("Resource", List.copyOf(new TreeSet<>(s.resources())));
              list.add(m);
            });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", POLICY_VERSION);
    doc.put("Statement", list);
    return doc;
  }

  private void grant(
      Map<String, Statement> statements,
      Deployment d,
      Permission.Kind kind,
      String name,
      Permission.Access access) {
    List<String> actions;
    List<String> resources;
    switch (kind) {
      case BUCKET -> {
        String arn = names.bucketArn(bucketName(d, name));
        actions =
            switch (access) {
              case READ, CONSUME -> List.of("s3:GetObject", "s3:ListBucket");
              case WRITE, PUBLISH -> List.of("s3:PutObject", "s3:AbortMultipartUpload");
              case INVOKE -> List.of("s3:GetObject");
              case ADMIN ->
                  List.of(
                      "s3:GetObject",
                      "s3:ListBucket",
                      "s3:PutObject",
                      "s3:DeleteObject",
                      "s3:AbortMultipartUpload");
            };
        resources = List.of(arn, arn + "/*");
      }
      case QUEUE -> {
        actions =
            switch (access) {
              case READ, CONSUME ->
                  List.of(
                      "sqs:ReceiveMessage",
                      "sqs:DeleteMessage",
                      "sqs:ChangeMessageVisibility",
                      "sqs:GetQueueAttributes");
              case WRITE, PUBLISH, INVOKE ->
                  List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
              case ADMIN ->
                  List.of(
                      "sqs:ReceiveMessage",
                      "sqs:DeleteMessage",
                      "sqs:ChangeMessageVisibility",
                      "sqs:GetQueueAttributes",
                      "sqs:SendMessage",
                      "sqs:GetQueueUrl",
                      "sqs:PurgeQueue");
            };
        resources = List.of(names.queueArn(queueName(d, name)));
      }
      case TOPIC -> {
        actions =
            switch (access) {
              case READ, CONSUME -> List.of("sns:GetTopicAttributes");
              case WRITE, PUBLISH, INVOKE -> List.of("sns:Publish");
              case ADMIN ->
                  List.of(
                      "sns:Publish", "sns:GetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe");
            };
        resources = List.of(names.topicArn(topicName(d, name)));
      }
      case FUNCTION -> {
        actions =
            switch (access) {
              case READ -> List.of("lambda:GetFunction");
              case ADMIN -> List.of("lambda:InvokeFunction", "lambda:GetFunction");
              default -> List.of("lambda:InvokeFunction");
            };
        String phys = names.physical(name);
        FunctionSpec target = d.functions().get(name);
        // A warm function is invoked through its alias: grant that exact ARN too (IAM does not
        // extend an unqualified function ARN to its aliases).
        resources =
            target != null && warm(target)
                ? List.of(names.functionArn(phys), names.aliasArn(phys))
                : List.of(names.functionArn(phys));
      }
      case SECRET -> {
        actions = List.of("secretsmanager:GetSecretValue");
        resources = List.of(names.secretArn(name));
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    // One statement for every secret: a statement id naming the secret would show its name in
    // plans, where every other sight of it is masked.
    String sid =
        kind == Permission.Kind.SECRET
            ? sid("secrets", access.word())
            : sid(kind.word(), name, access.word());
    statements.merge(
        sid,
        new Statement(sid, new TreeSet<>(actions), new TreeSet<>(resources)),
        (a, b) -> {
          a.actions().addAll(b.actions());
          a.resources().addAll(b.resources());
          return a;
        });
  }

  /** IAM statement ids are alphanumeric: {@code QueueOrdersConsume}. */
  static String sid(String... words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      boolean upper = true;
      for (char c : w.toCharArray()) {
        if (Character.isLetterOrDigit(c) && c < 128) {
          sb.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        } else {
          upper = true;
        }
      }
    }
    return sb.toString();
  }

  // ---- shared trigger infrastructure

  private void schedulerBase(List<String> scheduledFunctionArns) {
    Map<String, Object> group = new LinkedHashMap<>();
    add(
        Resource.of(
            address(SCHEDULE_GROUP, names.scheduleGroup()),
            SCHEDULE_GROUP,
            names.stackItem(),
            group,
            List.of()));
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("trust", SCHEDULER_TRUST);
    role.put("managedPolicies", List.of());
    role.put(
        "policy",
        policyDocument(
            List.of(
                new Statement(
                    "InvokeScheduledFunctions",
                    new TreeSet<>(List.of("lambda:InvokeFunction")),
                    new TreeSet<>(scheduledFunctionArns)))));
    role.put(IamRoles.OTHER_POLICIES, Map.of());
    add(
        Resource.of(
            address(ROLE, names.schedulerRole()), ROLE, names.stackItem(), role, List.of()));
  }

  private String apiAddress() {
    return address(API, names.httpApi());
  }

  private void httpBase() {
    Map<String, Object> api = new LinkedHashMap<>();
    api.put("protocol", "HTTP");
    add(Resource.of(apiAddress(), API, names.stackItem(), api, List.of()));
    Map<String, Object> stage = new LinkedHashMap<>();
    stage.put("api", new Ref(apiAddress(), "id"));
    stage.put("autoDeploy", true);
    add(
        Resource.of(
            address(STAGE, names.httpApi() + "/$default"),
            STAGE,
            names.stackItem(),
            stage,
            List.of(apiAddress())));
  }

  // ---- triggers

  private void triggers(Deployment d, FunctionSpec f) {
    String phys = names.physical(f.name());
    String item = "function " + f.name();
    String target = invokeArn(f);
    List<String> targetDeps = invokeDeps(f);
    // Schedules and notifications are named by what they are (Trigger.slug), not by list position:
    // reordering triggers changes nothing, inserting one creates exactly one.
    for (Trigger t : f.triggers()) {
      if (t instanceof Trigger.Http h) {
        String integration = address(INTEGRATION, names.httpApi() + "/" + f.name());
        Map<String, Object> ip = new LinkedHashMap<>();
        ip.put("api", new Ref(apiAddress(), "id"));
        ip.put("type", "AWS_PROXY");
        ip.put("uri", target);
        ip.put("payloadFormat", "2.0");
        add(
            Resource.of(
                integration, INTEGRATION, item, ip, concat(List.of(apiAddress()), targetDeps)));
        String routeKey = h.method().toUpperCase(java.util.Locale.ROOT) + " " + h.path();
        Map<String, Object> rp = new LinkedHashMap<>();
        rp.put("api", new Ref(apiAddress(), "id"));
        rp.put("routeKey", routeKey);
        rp.put("integration", new Ref(integration, "id"));
        rp.put("authorization", "iam".equals(h.auth()) ? "AWS_IAM" : "NONE");
        add(
            Resource.of(
                address(ROUTE, names.httpApi() + "/" + routeKey),
                ROUTE,
                item,
                rp,
                List.of(integration)));
        permission(
            f,
            item,
            "fnctl-http",
            "apigateway.amazonaws.com",
            new Ref(apiAddress(), "id"),
            List.of(apiAddress()));
      } else if (t instanceof Trigger.Schedule s) {
        Map<String, Object> sp = new LinkedHashMap<>();
        sp.put(
            "expression",
            s.cron() != null
                ? ScheduleExpression.cron(s.cron())
                : ScheduleExpression.rate(s.rate()));
        sp.put("timezone", s.timezone() == null ? "UTC" : s.timezone());
        sp.put("target", target);
        sp.put("role", names.roleArn(names.schedulerRole()));
        sp.put("state", "ENABLED");
        add(
            Resource.of(
                address(SCHEDULE, names.scheduleGroup() + "/" + f.name() + "-" + t.slug()),
                SCHEDULE,
                item,
                sp,
                concat(
                    List.of(
                        address(SCHEDULE_GROUP, names.scheduleGroup()),
                        address(ROLE, names.schedulerRole())),
                    targetDeps)));
      } else if (t instanceof Trigger.Queue q) {
        String queue = queueName(d, q.queue());
        Map<String, Object> ep = new LinkedHashMap<>();
        ep.put("function", target);
        ep.put("source", names.queueArn(queue));
        ep.put("batchSize", (long) q.batchSize());
        ep.put("enabled", true);
        add(
            Resource.of(
                address(EVENT_SOURCE, phys + "/" + queue),
                EVENT_SOURCE,
                item,
                ep,
                concat(targetDeps, ownedDep(QUEUE, queue))));
      } else if (t instanceof Trigger.Storage s) {
        String bucket = bucketName(d, s.bucket());
        String sid = "fnctl-s3-" + bucket;
        String permission =
            permission(
                f,
                item,
                sid,
                "s3.amazonaws.com",
                names.bucketArn(bucket),
                ownedDep(BUCKET, bucket));
        Map<String, Object> np = new LinkedHashMap<>();
        np.put("function", target);
        np.put("events", s3Events(s.events()));
        np.put("prefix", s.prefix());
        np.put("suffix", s.suffix());
        String id = names.notificationPrefix() + f.name() + "-" + t.slug();
        add(
            Resource.of(
                    address(NOTIFICATION, bucket + "/" + id),
                    NOTIFICATION,
                    item,
                    np,
                    concat(targetDeps, List.of(permission), ownedDep(BUCKET, bucket)))
                .inContainer(notificationsOf(bucket)));
      } else if (t instanceof Trigger.Topic tp) {
        String topic = topicName(d, tp.topic());
        String topicArn = names.topicArn(topic);
        String permission =
            permission(
                f,
                item,
                "fnctl-sns-" + topic,
                "sns.amazonaws.com",
                topicArn,
                ownedDep(TOPIC, topic));
        Map<String, Object> sp = new LinkedHashMap<>();
        sp.put("topic", topicArn);
        sp.put("protocol", "lambda");
        sp.put("endpoint", target);
        // A subscription's endpoint cannot change: a new target is a new subscription.
        add(
            new Resource(
                    address(SUBSCRIPTION, topic + "/" + phys),
                    SUBSCRIPTION,
                    item,
                    sp,
                    Set.of("topic", "protocol", "endpoint"),
                    Set.of(),
                    concat(targetDeps, List.of(permission), ownedDep(TOPIC, topic)),
                    null)
                // The new subscription gets its own ARN, so it can exist beside the old one:
                // subscribe first, then unsubscribe the old by its ARN, and no message is missed.
                .replacedBy(dev.fnctl.model.plan.ReplaceMode.CREATE_THEN_DELETE));
      }
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) out.addAll(l);
    return out;
  }

  static List<String> s3Events(List<String> events) {
    TreeSet<String> out = new TreeSet<>();
    for (String e : events == null || events.isEmpty() ? List.of("created") : events) {
      out.add(
          switch (e) {
            case "created" -> "s3:ObjectCreated:*";
            case "deleted" -> "s3:ObjectRemoved:*";
            default -> e.startsWith("s3:") ? e : "s3:" + e;
          });
    }
    return List.copyOf(out);
  }

  /**
   * A statement in the resource policy of what the triggers invoke (the function, or the alias of a
   * warm one); the source is an ARN or, for HTTP, the API id.
   */
  private String permission(
      FunctionSpec f, String item, String sid, String principal, Object source, List<String> deps) {
    String a = address(PERMISSION, invokeName(f) + "/" + sid);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("principal", principal);
    p.put(source instanceof Ref ? "api" : "source", source);
    if (!(source instanceof Ref)) p.put("sourceAccount", names.account());
    add(
        Resource.of(a, PERMISSION, item, p, concat(invokeDeps(f), deps))
            .inContainer(policyOf(invokeName(f))));
    return a;
  }

  // ---- budgets

  private void budget(Deployment d, Budget b) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("amount", amount(b.amount()));
    p.put("currency", b.currency() == null ? "USD" : b.currency());
    p.put("period", b.period() == Budget.Period.YEARLY ? "ANNUALLY" : b.period().name());
    p.put("costFilter", names.costAllocationTag());
    List<Map<String, Object>> notes = new ArrayList<>();
    for (Budget.Alert a : b.alerts())
      notes.add(notification(a.forecast() ? "FORECASTED" : "ACTUAL", a.percent(), a.recipients()));
    p.put("notifications", sortedNotifications(notes));
    add(
        Resource.of(
            address(BUDGET, names.budget(b.name())), BUDGET, "budget " + b.name(), p, List.of()));
  }

  static String amount(BigDecimal amount) {
    BigDecimal s = amount.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  static Map<String, Object> notification(String type, long percent, List<String> recipients) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("type", type);
    n.put("threshold", percent);
    n.put("notify", List.copyOf(new TreeSet<>(recipients)));
    return n;
  }

  static List<Object> sortedNotifications(List<Map<String, Object>> notes) {
    List<Map<String, Object>> copy = new ArrayList<>(notes);
    copy.sort(
        Comparator.comparing((Map<String, Object> n) -> (String) n.get("type"))
            .thenComparing(n -> (Long) n.get("threshold")));
    return List.copyOf(copy);
  }
}
