package dev.fnctl.cli.view;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.plan.SensitiveValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans for the golden files, one per kind of change a user must be able to read. */
public final class PlanFixtures {
  private PlanFixtures() {}

  public static Map<String, Plan> cases() {
    Map<String, Plan> cases = new LinkedHashMap<>();
    cases.put("create", plan(List.of(create(), createQueue())));
    cases.put("update", plan(List.of(update())));
    cases.put("replace", plan(List.of(replace())));
    cases.put("delete", plan(List.of(delete())));
    cases.put("no-op", plan(List.of(noop("local:function/orders-dev-resize", "function resize"))));
    cases.put("unknown", plan(List.of(unknown(), republished())));
    cases.put("sensitive", plan(List.of(sensitive())));
    cases.put("replace-create-first", plan(List.of(replaceCreateFirst())));
    cases.put("shared-and-pending", plan(List.of(sharedApp(), pendingFunction())));
    cases.put("secret-reference", plan(secretReference()));
    cases.put(
        "mixed",
        plan(
            List.of(
                createQueue(),
                noop("local:topic/orders-dev-events", "topic events"),
                update(),
                replace(),
                sensitive(),
                delete(),
                budget())));
    return cases;
  }

  public static Plan plan(List<ResourceChange> changes) {
    return new Plan(
        Plan.FORMAT_VERSION,
        "0.1.0",
        Plan.Mode.APPLY,
        "orders",
        "dev",
        "local",
        "fnctl.yaml",
        "/work/orders/fnctl.yaml",
        "sha256:5f1e0c3d",
        "sha256:9a7b2c4e",
        changes,
        Map.of());
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static ResourceChange create() {
    return new ResourceChange(
        "local:function/orders-dev-resize",
        "local:function",
        "function resize",
        Action.CREATE,
        "",
        Map.of(),
        map(
            "runtime",
            "python3.12",
            "handler",
            "main.handle",
            "memory",
            1024L,
            "timeout",
            60L,
            "env",
            map("THUMBS", "orders-dev-thumbs", "LOG_LEVEL", "info"),
            "concurrency",
            map("max", 10L, "warm", null),
            "layers",
            null,
            "codeSha256",
            "q2Zx9d+fXoBv1cHb0mW3GkLr8yTnS5aPeJtU4vIiO7E="),
        Set.of(),
        Set.of(),
        Set.of(),
        List.of("local:queue/orders-dev-orders"));
  }

  static ResourceChange createQueue() {
    return new ResourceChange(
        "local:queue/orders-dev-orders",
        "local:queue",
        "queue orders",
        Action.CREATE,
        "",
        Map.of(),
        map("visibilityTimeout", 30L, "deadLetter", map("maxReceives", 5L), "tags", map()),
        Set.of(),
        Set.of(),
        Set.of(),
        List.of());
  }

  /** A subscription whose endpoint changed: the new one is made before the old one goes. */
  static ResourceChange replaceCreateFirst() {
    return new ResourceChange(
            "aws:sns:subscription/orders-events/orders-dev-notify",
            "aws:sns:subscription",
            "function notify",
            Action.REPLACE,
            "endpoint cannot change in place",
            map("protocol", "lambda", "endpoint", "arn:aws:lambda:eu-west-1:1:function:a:live"),
            map("protocol", "lambda", "endpoint", "arn:aws:lambda:eu-west-1:1:function:b:live"),
            Set.of(),
            Set.of("endpoint"),
            Set.of(),
            List.of())
        .with(List.of(), dev.fnctl.model.plan.ReplaceMode.CREATE_THEN_DELETE, null);
  }

  /** One app carrying two functions: grouped under both. */
  static ResourceChange sharedApp() {
    return new ResourceChange(
            "azure:web:site/orders-dev-app",
            "azure:web:site",
            "function resize",
            Action.UPDATE,
            "changed: memory",
            map("memory", 2048L),
            map("memory", 4096L),
            Set.of(),
            Set.of(),
            Set.of(),
            List.of())
        .with(List.of("function resize", "function report"), null, null);
  }

  /** Read while a long-running create was still going (a killed run): apply waits first. */
  static ResourceChange pendingFunction() {
    return new ResourceChange(
            "gcp:functions:function/orders-dev-charge",
            "gcp:functions:function",
            "function charge",
            Action.UPDATE,
            "still creating (operation operations/op-42): apply waits for it first",
            map("memory", 256L),
            map("memory", 256L),
            Set.of(),
            Set.of(),
            Set.of(),
            List.of())
        .with(List.of(), null, "creating (operation operations/op-42)");
  }

  static ResourceChange update() {
    return new ResourceChange(
        "local:function/orders-dev-report",
        "local:function",
        "function report",
        Action.UPDATE,
        "memory, env changed",
        map(
            "memory",
            256L,
            "timeout",
            30L,
            "env",
            map("REGION", "eu", "MODE", "full"),
            "layers",
            List.of("a")),
        map(
            "memory",
            512L,
            "timeout",
            30L,
            "env",
            map("REGION", "eu", "MODE", "quick", "NEW", "1"),
            "layers",
            List.of("a", "b")),
        Set.of(),
        Set.of(),
        Set.of(),
        List.of());
  }

  static ResourceChange replace() {
    return new ResourceChange(
        "local:bucket/orders-dev-uploads",
        "local:bucket",
        "bucket uploads",
        Action.REPLACE,
        "region cannot change in place",
        map("region", "eu-west-1", "versioning", false),
        map("region", "eu-central-1", "versioning", true),
        Set.of(),
        Set.of("region"),
        Set.of(),
        List.of());
  }

  static ResourceChange delete() {
    return new ResourceChange(
        "local:queue/orders-dev-legacy",
        "local:queue",
        "queue legacy",
        Action.DELETE,
        "no longer in the spec",
        map("visibilityTimeout", 30L),
        Map.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        List.of());
  }

  static ResourceChange noop(String address, String item) {
    return new ResourceChange(
        address,
        address.substring(0, address.indexOf('/')),
        item,
        Action.NO_OP,
        "",
        map("memory", 256L),
        map("memory", 256L),
        Set.of(),
        Set.of(),
        Set.of(),
        List.of());
  }

  static ResourceChange unknown() {
    return new ResourceChange(
        "local:http-route/orders-dev-resize-post",
        "local:http-route",
        "function resize",
        Action.CREATE,
        "",
        Map.of(),
        map("method", "POST", "path", "/resize", "auth", "none"),
        Set.of("url", "routeId"),
        Set.of(),
        Set.of(),
        List.of("local:function/orders-dev-resize"));
  }

  static ResourceChange republished() {
    return new ResourceChange(
        "local:function-version/orders-dev-resize",
        "local:function-version",
        "function resize",
        Action.UPDATE,
        "code changed",
        map("codeSha256", "q2Zx9d", "version", "3"),
        map("codeSha256", "Hk81mA"),
        Set.of("version"),
        Set.of(),
        Set.of(),
        List.of("local:function/orders-dev-resize"));
  }

  static ResourceChange sensitive() {
    return new ResourceChange(
        "local:function/orders-dev-charge",
        "local:function",
        "function charge",
        Action.UPDATE,
        "",
        map(
            "secrets",
            map("API_KEY", "stripe-key-v1"),
            "env",
            map("API_TOKEN", "old-token", "MODE", "live"),
            "memory",
            128L),
        map(
            "secrets",
            map("API_KEY", "stripe-key-v2"),
            "env",
            map("API_TOKEN", "new-token", "MODE", "test"),
            "memory",
            128L),
        Set.of(),
        Set.of(),
        Set.of("secrets", "env.API_TOKEN"),
        List.of());
  }

  /**
   * An AWS function and its role whose secret reference changed, masked as the engine masks it: the
   * variable, and the secret's ARN inside the policy, hide the reference.
   */
  static List<ResourceChange> secretReference() {
    Map<String, Object> before =
        map("environment", map("API_KEY_SECRET_ID", "stripe-key", "MODE", "live"), "memory", 128L);
    Map<String, Object> after =
        map(
            "environment",
            map("API_KEY_SECRET_ID", "stripe-key-v2", "MODE", "live"),
            "memory",
            256L);
    ResourceChange function =
        new ResourceChange(
            "aws:lambda:function/orders-dev-charge",
            "aws:lambda:function",
            "function charge",
            Action.UPDATE,
            "changed: environment, memory",
            before,
            after,
            Set.of(),
            Set.of(),
            Set.of("environment.API_KEY_SECRET_ID"),
            List.of("aws:iam:role/orders-dev-charge"));
    ResourceChange role =
        new ResourceChange(
            "aws:iam:role/orders-dev-charge",
            "aws:iam:role",
            "function charge",
            Action.UPDATE,
            "changed: policy",
            map("policy", policy("stripe-key")),
            map("policy", policy("stripe-key-v2")),
            Set.of(),
            Set.of(),
            Set.of(),
            List.of());
    List<String> references = List.of("stripe-key", "stripe-key-v2");
    return List.of(
        SensitiveValues.masked(role, references), SensitiveValues.masked(function, references));
  }

  private static Map<String, Object> policy(String secret) {
    return map(
        "Version",
        "2012-10-17",
        "Statement",
        List.of(
            map(
                "Sid",
                "SecretsRead",
                "Effect",
                "Allow",
                "Action",
                List.of("secretsmanager:GetSecretValue"),
                "Resource",
                List.of(
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"
                        + secret
                        + "-??????"))));
  }

  static ResourceChange budget() {
    return new ResourceChange(
        "local:budget/orders-dev-monthly",
        "local:budget",
        "budget monthly",
        Action.UPDATE,
        "",
        map(
            "amount",
            new java.math.BigDecimal("200"),
            "alerts",
            List.of(map("at", 80L, "notify", List.of("ops@example.com")))),
        map(
            "amount",
            new java.math.BigDecimal("250.50"),
            "alerts",
            List.of(map("at", 80L, "notify", List.of("ops@example.com")))),
        Set.of(),
        Set.of(),
        Set.of(),
        List.of());
  }
}
