package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function left deploying (a run killed while its operation ran) is not diffed as if settled: the
 * plan says it is still being deployed, and apply resumes the operation, waits for it, and
 * converges.
 */
class GcpPendingFunctionIT {
  static FakeGcp fake;
  static EngineOnFake on;
  @TempDir Path dir;

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
  void applyWaitsForTheOperationAKilledRunLeft() throws Exception {
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: pending
            targets:
              gcp: %s
            defaults: { runtime: python3.12, timeout: 30s }
            functions:
              hello: { code: ./functions/hello, handler: main.handle }
            """
                .formatted(GcpSpecs.target(fake.endpoint())));
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    // an update started and never waited for, as a killed run leaves it
    on.send(
        "PATCH",
        "/v2/projects/"
            + GcpSpecs.PROJECT
            + "/locations/"
            + GcpSpecs.REGION
            + "/functions/pending-gcp-hello?updateMask=serviceConfig.timeoutSeconds",
        "{\"serviceConfig\":{\"timeoutSeconds\":77}}");

    Plan p = on.plan(spec, "gcp", Engine.PlanMode.NORMAL);
    List<ResourceChange> ch = EngineOnFake.changes(p);
    assertEquals(1, ch.size(), EngineOnFake.shape(p).toString());
    assertTrue(ch.get(0).reason().contains("still being deployed"), ch.get(0).reason());

    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(List.of(), EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)));
    String fn =
        fake.json(
            "projects/"
                + GcpSpecs.PROJECT
                + "/locations/"
                + GcpSpecs.REGION
                + "/functions/pending-gcp-hello");
    assertTrue(fn.contains("\"timeoutSeconds\": 30") || fn.contains("\"timeoutSeconds\":30"), fn);
    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
  }
}
