package dev.fnctl.local;

import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Concurrency;
import dev.fnctl.model.spec.Cron;
import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hand-built spec with one of everything, for tests of the local target without YAML. */
public final class LocalSpecs {
  private LocalSpecs() {}

  public static void writeCode(Path projectDir) throws IOException {
    Files.createDirectories(projectDir.resolve("functions/resize"));
    Files.writeString(
        projectDir.resolve("functions/resize/main.py"),
        "def handle(event, context):\n    return 1\n");
  }

  public static Spec spec(Path projectDir, int memory, String digest) {
    FunctionSettings settings =
        new FunctionSettings(
            "python3.12",
            memory,
            Duration.ofSeconds(60),
            null,
            Map.of("THUMBS", "thumbs"),
            new Concurrency(10, 1));
    FunctionSpec resize =
        new FunctionSpec(
            "resize",
            "./functions/resize",
            "main.handle",
            settings,
            Map.of("API_KEY", "stripe-key"),
            List.of(
                new Trigger.Http("POST", "/resize", "none"),
                new Trigger.Schedule(
                    new Cron("0 9 * * MON-FRI", "0", "9", "*", "*", "1-5"), null, "Europe/Berlin"),
                new Trigger.Queue("orders", 10),
                new Trigger.Storage("legacy", List.of("created"), "images/", null),
                new Trigger.Topic("events")),
            List.of(
                new Permission(Permission.Kind.BUCKET, "uploads", Permission.Access.READ),
                new Permission(Permission.Kind.BUCKET, "legacy", Permission.Access.WRITE),
                new Permission(Permission.Kind.QUEUE, "orders", Permission.Access.CONSUME)));
    Map<String, QueueSpec> queues =
        Map.of(
            "orders",
            new QueueSpec("orders", null, new QueueSpec.DeadLetter(5), Duration.ofSeconds(90)));
    Map<String, TopicSpec> topics = Map.of("events", new TopicSpec("events", null));
    Map<String, BucketSpec> buckets = new LinkedHashMap<>();
    buckets.put("uploads", new BucketSpec("uploads", null));
    buckets.put("legacy", new BucketSpec("legacy", "acme-legacy-uploads"));
    Map<String, Budget> budgets =
        Map.of(
            "monthly",
            new Budget(
                "monthly",
                new BigDecimal("200"),
                "USD",
                Budget.Period.MONTHLY,
                List.of(
                    new Budget.Alert(80, false, List.of("ops@example.com")),
                    new Budget.Alert(100, true, List.of("ops@example.com")))));
    Path file = projectDir.resolve("fnctl.yaml");
    return new Spec(
        Spec.API_VERSION,
        "orders",
        Map.of("dev", new Target("dev", "local", Map.of(), null, Map.of())),
        FunctionSettings.NONE,
        Map.of("resize", resize),
        queues,
        topics,
        buckets,
        budgets,
        file,
        projectDir,
        new SourceMap(file.toString(), Map.of()),
        digest);
  }
}
