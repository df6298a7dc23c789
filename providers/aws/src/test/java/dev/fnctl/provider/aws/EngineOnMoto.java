package dev.fnctl.provider.aws;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fnctl's real engine (load, validate, read, plan, apply under the lock) with the AWS provider,
 * pointed at an endpoint in front of moto: what the CLI does, without the CLI's rendering.
 */
final class EngineOnMoto {
  private final Engine engine;

  EngineOnMoto(Map<String, String> motoEnv, String endpoint) {
    Map<String, String> env = new HashMap<>(motoEnv);
    env.put("AWS_ENDPOINT_URL", endpoint);
    env.put("FNCTL_AWS_CONSISTENCY_WINDOW_MS", "3000");
    env.put("HOME", "/nowhere");
    engine = Engine.create(Providers.of(List.of(new AwsProvider())), env);
  }

  /** The changes a plan would make (no-ops left out). */
  List<ResourceChange> plan(Path spec, String target, Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      return s.plan().changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
    }
  }

  ApplyReport apply(Path spec, String target, Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      return engine.apply(
          s,
          new ApplyOptions(8, Duration.ZERO, mode == Engine.PlanMode.DESTROY ? "destroy" : "apply"),
          ApplyListener.NONE);
    }
  }

  static String describe(List<ResourceChange> changes) {
    StringBuilder sb = new StringBuilder();
    for (ResourceChange c : changes)
      sb.append("  ")
          .append(c.action().word())
          .append(' ')
          .append(c.address())
          .append(" (")
          .append(c.reason())
          .append(")\n");
    return sb.toString();
  }

  /**
   * A stack with every trigger kind and every supporting resource, for two AWS targets whose names
   * are prefixes of each other ({@code dev} and {@code dev-eu}).
   */
  static Path everyKind(Path dir, String stack) throws IOException {
    Path code = dir.resolve("code");
    Files.createDirectories(code);
    Files.writeString(code.resolve("main.py"), "def handle(event, context):\n    return 1\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: %s
        targets:
          dev: { provider: aws, region: eu-west-1 }
          dev-eu: { provider: aws, region: eu-west-1 }
        defaults: { runtime: python3.12, memory: 128, timeout: 30s }
        functions:
          worker:
            code: ./code
            handler: main.handle
            triggers:
              - http: { method: GET, path: /hello, auth: none }
              - schedule: { cron: "0 9 * * 1-5" }
              - queue: { queue: orders, batchSize: 5 }
              - storage: { bucket: uploads, events: [created], prefix: images/ }
              - topic: { topic: events }
            permissions:
              - { bucket: uploads, access: read }
              - { topic: events, access: publish }
        queues:
          orders: { deadLetter: { maxReceives: 5 } }
        topics:
          events: {}
        buckets:
          uploads: {}
        budgets:
          monthly:
            amount: 100
            currency: USD
            period: monthly
            alerts: [ { at: 80%%, notify: [ops@example.com] } ]
        """
            .formatted(stack));
    return spec;
  }

  /** What {@link #everyKind} implies for one target, counted as {@link AwsCensus} counts. */
  static Map<String, Integer> everyKindCounts() {
    Map<String, Integer> m = new java.util.TreeMap<>();
    m.put("lambda functions", 1); // worker
    m.put("iam roles", 2); // worker's, the scheduler's
    m.put("iam inline policies", 2); // fnctl's policy on each role, nothing else
    m.put("sqs queues", 2); // orders and its dead-letter queue
    m.put("sns topics", 1); // events
    m.put("sns subscriptions", 1); // worker on events
    m.put("s3 buckets", 1); // uploads
    m.put("s3 notifications", 1); // worker on uploads
    m.put("lambda event source mappings", 1); // orders -> worker
    m.put("lambda permission statements", 3); // API Gateway, S3, SNS may invoke worker
    m.put("scheduler groups", 1);
    m.put("scheduler schedules", 1);
    m.put("http apis", 1);
    m.put("http routes", 1); // GET /hello
    m.put("http integrations", 1); // worker
    m.put("http stages", 1); // $default
    m.put("budgets", 1); // monthly
    return m;
  }
}
