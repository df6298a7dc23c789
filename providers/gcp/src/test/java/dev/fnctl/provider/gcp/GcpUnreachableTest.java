package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.provider.Providers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An endpoint nobody listens on fails the plan with one line, not a hang or a stack trace. */
class GcpUnreachableTest {
  @TempDir Path dir;

  @Test
  void aClosedEndpointFailsThePlanQuicklyWithOneLine() throws Exception {
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: closed
            targets:
              gcp: %s
            defaults: { runtime: python3.12, timeout: 30s }
            functions:
              hello: { code: ./functions/hello, handler: main.handle }
            """
                .formatted(GcpSpecs.target("http://127.0.0.1:9")));
    Engine engine = Engine.create(Providers.of(List.of(new GcpProvider())), Map.of());
    long start = System.nanoTime();
    Exception e =
        assertThrows(
            Exception.class,
            () -> {
              try (PlanSession s = engine.plan(spec, "gcp", Engine.PlanMode.NORMAL)) {
                s.plan();
              }
            });
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertTrue(seconds < 20, seconds + "s: the first refused call ends the read");
    assertTrue(e.getMessage().contains("cannot reach Google Cloud"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
