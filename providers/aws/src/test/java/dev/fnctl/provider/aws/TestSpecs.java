package dev.fnctl.provider.aws;

import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Concurrency;
import dev.fnctl.model.spec.Cron;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Specs built in code, as the loader would produce them, for provider tests. */
final class TestSpecs {
  private TestSpecs() {}

  static Cron cron(String expression) {
    String[] f = expression.trim().split("\\s+");
    return new Cron(expression, f[0], f[1], f[2], f[3], f[4]);
  }

  static FunctionSpec function(String name, List<Trigger> triggers, List<Permission> permissions) {
    return new FunctionSpec(
        name,
        "code",
        "main.handle",
        new FunctionSettings(null, null, null, null, Map.of("STAGE", "test"), null),
        Map.of(),
        triggers,
        permissions);
  }

  static FunctionSpec withMemory(FunctionSpec f, int memory) {
    return new FunctionSpec(
        f.name(),
        f.code(),
        f.handler(),
        f.settings().over(new FunctionSettings(null, memory, null, null, Map.of(), null)),
        f.secrets(),
        f.triggers(),
        f.permissions());
  }

  static FunctionSpec withSecrets(FunctionSpec f, Map<String, String> secrets) {
    return new FunctionSpec(
        f.name(), f.code(), f.handler(), f.settings(), secrets, f.triggers(), f.permissions());
  }

  static FunctionSpec withConcurrency(FunctionSpec f, Integer max) {
    return new FunctionSpec(
        f.name(),
        f.code(),
        f.handler(),
        f.settings()
            .over(
                new FunctionSettings(null, null, null, null, Map.of(), new Concurrency(max, null))),
        f.secrets(),
        f.triggers(),
        f.permissions());
  }

  static FunctionSpec withWarm(FunctionSpec f, Integer max, Integer warm) {
    return new FunctionSpec(
        f.name(),
        f.code(),
        f.handler(),
        f.settings()
            .over(
                new FunctionSettings(null, null, null, null, Map.of(), new Concurrency(max, warm))),
        f.secrets(),
        f.triggers(),
        f.permissions());
  }

  /**
   * Every trigger kind, every supporting resource, a budget; {@code legacy} is an existing bucket.
   */
  static Spec everything(
      String stack, Path baseDir, String legacyBucket, Map<String, String> settings) {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "api",
        function(
            "api",
            List.of(
                new Trigger.Http("GET", "/hello", "none"),
                new Trigger.Http("POST", "/orders", "iam")),
            List.of(new Permission(Permission.Kind.QUEUE, "orders", Permission.Access.WRITE))));
    fns.put(
        "tick",
        function(
            "tick",
            List.of(
                new Trigger.Schedule(cron("0 9 * * 1-5"), null, "Europe/Berlin"),
                new Trigger.Schedule(null, Duration.ofMinutes(5), null)),
            List.of()));
    fns.put(
        "worker",
        function(
            "worker",
            List.of(new Trigger.Queue("orders", 5)),
            List.of(
                new Permission(Permission.Kind.TOPIC, "events", Permission.Access.PUBLISH),
                new Permission(Permission.Kind.BUCKET, "uploads", Permission.Access.WRITE))));
    List<Trigger> storage =
        new java.util.ArrayList<>(
            List.of(new Trigger.Storage("uploads", List.of("created"), "images/", null)));
    if (legacyBucket != null)
      storage.add(new Trigger.Storage("legacy", List.of("created", "deleted"), null, ".csv"));
    fns.put(
        "thumb",
        function(
            "thumb",
            storage,
            List.of(new Permission(Permission.Kind.BUCKET, "uploads", Permission.Access.READ))));
    fns.put("fan", function("fan", List.of(new Trigger.Topic("events")), List.of()));
    return spec(stack, baseDir, fns, legacyBucket, settings);
  }

  static Spec spec(
      String stack,
      Path baseDir,
      Map<String, FunctionSpec> fns,
      String legacyBucket,
      Map<String, String> settings) {
    Map<String, QueueSpec> queues = new LinkedHashMap<>();
    queues.put("orders", new QueueSpec("orders", null, new QueueSpec.DeadLetter(3), null));
    Map<String, TopicSpec> topics = new LinkedHashMap<>();
    topics.put("events", new TopicSpec("events", null));
    Map<String, BucketSpec> buckets = new LinkedHashMap<>();
    buckets.put("uploads", new BucketSpec("uploads", null));
    if (legacyBucket != null) buckets.put("legacy", new BucketSpec("legacy", legacyBucket));
    Map<String, Budget> budgets = new LinkedHashMap<>();
    budgets.put(
        "monthly",
        new Budget(
            "monthly",
            new BigDecimal("100"),
            "USD",
            Budget.Period.MONTHLY,
            List.of(
                new Budget.Alert(80, false, List.of("ops@example.com")),
                new Budget.Alert(100, true, List.of("ops@example.com", "cto@example.com")))));
    return build(stack, baseDir, fns, queues, topics, buckets, budgets, settings);
  }

  static Spec build(
      String stack,
      Path baseDir,
      Map<String, FunctionSpec> fns,
      Map<String, QueueSpec> queues,
      Map<String, TopicSpec> topics,
      Map<String, BucketSpec> buckets,
      Map<String, Budget> budgets,
      Map<String, String> settings) {
    Map<String, Target> targets = new LinkedHashMap<>();
    targets.put("prod", new Target("prod", "aws", settings, null, Map.of()));
    FunctionSettings defaults =
        new FunctionSettings("python3.12", 256, Duration.ofSeconds(30), null, Map.of(), null);
    return new Spec(
        Spec.API_VERSION,
        stack,
        targets,
        defaults,
        fns,
        queues,
        topics,
        buckets,
        budgets,
        baseDir.resolve("fnctl.yaml"),
        baseDir,
        new SourceMap("fnctl.yaml", Map.of()),
        "digest");
  }

  static Deployment prod(Spec spec) {
    return spec.forTarget("prod");
  }
}
