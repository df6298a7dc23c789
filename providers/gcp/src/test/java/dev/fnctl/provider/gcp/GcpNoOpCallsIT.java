package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A no-op plan reads with list calls and one read per IAM policy, not a call per resource: at most
 * 3 calls per function, counted by the fake.
 */
class GcpNoOpCallsIT {
  static FakeGcp fake;
  static EngineOnFake on;
  @TempDir Path dir;

  static final int FUNCTIONS = 6;

  @BeforeAll
  static void start() {
    fake = FakeGcp.start();
    on = new EngineOnFake(fake.endpoint());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Test
  void aNoOpPlanMakesAtMostThreeCallsPerFunction() throws Exception {
    StringBuilder functions = new StringBuilder();
    for (int i = 0; i < FUNCTIONS; i++)
      functions.append(
          """
            f%d:
              code: ./functions/hello
              handler: main.handle
              permissions:
                - { topic: events, access: publish }
                - { bucket: files, access: read }
          """
              .formatted(i));
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: noop
            targets:
              gcp: %s
            defaults: { runtime: python3.12, timeout: 30s }
            functions:
            %s
            topics:
              events: {}
            buckets:
              files: {}
            """
                .formatted(GcpSpecs.target(fake.endpoint()), functions.toString().stripTrailing()));
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    fake.resetCounts();
    assertEquals(List.of(), EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)));
    long calls = fake.requests();
    assertTrue(calls > 0, "the plan read the cloud");
    assertTrue(
        calls <= 3L * FUNCTIONS,
        calls + " calls for a no-op plan of " + FUNCTIONS + " functions (at most 3 each)");
    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
  }
}
