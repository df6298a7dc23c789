package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.model.plan.Plan;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GCP deployment benchmark ({@code bench/gcp} runs it; skipped unless {@code
 * -Dfnctl.bench=true}): for stacks of 10 and 50 functions (each with its service account and one
 * trigger, cycling http / schedule / topic, and a publish permission), on a fresh fake each: create
 * (apply) and a no-op plan through the real engine, measuring wall time, API calls per function
 * (counted by the fake) and the peak heap of this JVM (fake included, so an upper bound). Writes
 * {@code bench/out/gcp.md}.
 */
class GcpBenchIT {
  @TempDir Path dir;

  static final int[] SIZES = {10, 50};

  static String spec(int n, String endpoint) {
    StringBuilder f = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String trigger =
          switch (i % 3) {
            case 0 -> "- http: { method: POST, path: /f" + i + ", auth: none }";
            case 1 -> "- schedule: { rate: 15m }";
            default -> "- topic: { topic: events }";
          };
      f.append("  f")
          .append(i)
          .append(":\n    code: ./functions/hello\n    handler: main.handle\n    triggers:\n      ")
          .append(trigger)
          .append("\n    permissions:\n      - { topic: events, access: publish }\n");
    }
    return """
        apiVersion: fnctl.dev/v1
        stack: bench
        targets:
          gcp: %s
        defaults: { runtime: python3.12, timeout: 30s }
        functions:
        %stopics:
          events: {}
        """
        .formatted(GcpSpecs.target(endpoint), f);
  }

  static long peakHeapMiB() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
      if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    return sum / (1024 * 1024);
  }

  static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
  }

  @Test
  void createAndNoOpPlanAtTenAndFiftyFunctions() throws Exception {
    Assumptions.assumeTrue(
        Boolean.getBoolean("fnctl.bench"),
        "the benchmark runs with -Dfnctl.bench=true (bench/gcp)");
    List<String> rows = new ArrayList<>();
    for (int n : SIZES) {
      try (FakeGcp fake = FakeGcp.start()) {
        EngineOnFake on = new EngineOnFake(fake.endpoint());
        Path d = Files.createDirectories(dir.resolve("n" + n));
        Path spec = GcpSpecs.write(d, spec(n, fake.endpoint()));
        // one warm-up plan, untimed, so both measurements run on loaded classes alike
        on.plan(spec, "gcp", Engine.PlanMode.NORMAL);

        fake.resetCounts();
        resetPeaks();
        long t0 = System.nanoTime();
        ApplyReport created = on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
        long createMs = (System.nanoTime() - t0) / 1_000_000;
        long createCalls = fake.requests();
        long createHeap = peakHeapMiB();

        fake.resetCounts();
        resetPeaks();
        t0 = System.nanoTime();
        Plan noop = on.plan(spec, "gcp", Engine.PlanMode.NORMAL);
        long planMs = (System.nanoTime() - t0) / 1_000_000;
        long planCalls = fake.requests();
        long planHeap = peakHeapMiB();
        assertFalse(noop.hasChanges(), EngineOnFake.shape(noop).toString());
        assertTrue(planCalls <= 3L * n, planCalls + " calls for " + n + " functions");

        rows.add(
            "| %d | create | %d | %d | %d | %.1f | %d |"
                .formatted(
                    n,
                    created.done().size(),
                    createMs,
                    createCalls,
                    createCalls / (double) n,
                    createHeap));
        rows.add(
            "| %d | no-op plan | 0 | %d | %d | %.1f | %d |"
                .formatted(n, planMs, planCalls, planCalls / (double) n, planHeap));
      }
    }
    String table =
        "| functions | run | changes | wall ms | API calls | calls per function | peak heap MiB |\n"
            + "|---:|---|---:|---:|---:|---:|---:|\n"
            + String.join("\n", rows)
            + "\n";
    Path out = dev.fnctl.testkit.ExpansionGolden.samples().getParent().resolve("bench/out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("gcp.md"), table);
    System.out.println(table);
  }
}
