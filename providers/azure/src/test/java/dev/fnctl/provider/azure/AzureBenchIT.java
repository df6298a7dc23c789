package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure benchmark ({@code bench/azure}): create and a no-op plan of stacks of 10 and 50
 * functions (sizes from {@code fnctl.bench.sizes}) through the engine on the ARM fake, with wall
 * time, this JVM's CPU time and the ARM calls the fake counted. Runs only with {@code
 * -Dfnctl.bench=true}; writes a Markdown table to {@code fnctl.bench.out}.
 */
@EnabledIfSystemProperty(named = "fnctl.bench", matches = "true")
class AzureBenchIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();
  @TempDir Path dir;

  @Test
  void createAndNoOpPlan() throws Exception {
    StringBuilder table =
        new StringBuilder(
            "| functions | phase | wall ms | CPU ms | ARM calls | calls per function |\n"
                + "|---:|---|---:|---:|---:|---:|\n");
    for (String size : System.getProperty("fnctl.bench.sizes", "10 50").trim().split("\\s+")) {
      int n = Integer.parseInt(size);
      azure.resetGroup();
      Path spec =
          TestSpecs.functions(
              dir.resolve("n" + n), "bench" + n, AzureSamples.target(azure.settings(), false), n);
      EngineOnFake fnctl = new EngineOnFake(azure, spec, "azure");
      fnctl.plan(); // warm the JVM's classes once per size, untimed
      azure.arm.resetCounts();
      Sample create = Sample.start();
      assertTrue(fnctl.apply().succeeded());
      table.append(create.row(n, "create", azure.arm.requests()));
      for (int run = 0; run < 3; run++) {
        azure.arm.resetCounts();
        Sample plan = Sample.start();
        assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));
        if (run == 2) table.append(plan.row(n, "no-op plan", azure.arm.requests()));
      }
      assertTrue(fnctl.destroy().succeeded());
    }
    Path out = Path.of(System.getProperty("fnctl.bench.out", "target/azure-bench.md"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table.toString());
  }

  record Sample(long wall, long cpu) {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static Sample start() {
      return new Sample(System.nanoTime(), processCpu());
    }

    static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    String row(int n, String phase, long calls) {
      long wallMs = (System.nanoTime() - wall) / 1_000_000;
      long cpuMs = (processCpu() - cpu) / 1_000_000;
      return "| %d | %s | %d | %d | %d | %.1f |%n"
          .formatted(n, phase, wallMs, cpuMs, calls, (double) calls / n);
    }
  }
}
