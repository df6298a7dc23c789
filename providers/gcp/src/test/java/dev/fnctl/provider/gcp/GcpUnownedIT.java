package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stack does not own is never changed or deleted: a topic someone else made at the name
 * fnctl would use is a clash the plan refuses, and another stack's resources in the same project
 * survive this stack's destroy.
 */
class GcpUnownedIT {
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

  private Path spec(Path at, String stack) throws Exception {
    return GcpSpecs.write(
        at,
        """
        apiVersion: fnctl.dev/v1
        stack: %s
        targets:
          gcp: %s
        defaults: { runtime: python3.12, timeout: 30s }
        functions:
          hello:
            code: ./functions/hello
            handler: main.handle
            permissions:
              - { topic: events, access: publish }
        topics:
          events: {}
        """
            .formatted(stack, GcpSpecs.target(fake.endpoint())));
  }

  @Test
  void someoneElsesTopicAtTheNameIsAClashAndIsLeftAlone() throws Exception {
    on.send("PUT", "/v1/projects/" + GcpSpecs.PROJECT + "/topics/clash-gcp-events", "{}");
    fake.resetCounts();
    Path spec = spec(dir.resolve("a"), "clash");
    Exception e =
        assertThrows(Exception.class, () -> on.apply(spec, "gcp", Engine.PlanMode.NORMAL));
    assertTrue(e.getMessage().contains("gcp:pubsub:topic/clash-gcp-events"), e.getMessage());
    assertNotNull(fake.json("projects/" + GcpSpecs.PROJECT + "/topics/clash-gcp-events"));
    assertFalse(
        fake.requestLog().stream()
            .anyMatch(l -> l.startsWith("DELETE ") || l.contains("UpdateTopic")),
        "nothing was changed or deleted");
  }

  @Test
  void anotherStacksResourcesSurviveThisStacksDestroy() throws Exception {
    Path mine = spec(dir.resolve("mine"), "mine");
    Path theirs = spec(dir.resolve("theirs"), "theirs");
    on.applyOk(mine, "gcp", Engine.PlanMode.NORMAL);
    on.applyOk(theirs, "gcp", Engine.PlanMode.NORMAL);
    on.applyOk(mine, "gcp", Engine.PlanMode.DESTROY);
    assertTrue(on.labelledWith("mine").isEmpty());
    assertEquals(
        java.util.List.of(), EngineOnFake.shape(on.plan(theirs, "gcp", Engine.PlanMode.NORMAL)));
    assertFalse(on.labelledWith("theirs").isEmpty());
    on.applyOk(theirs, "gcp", Engine.PlanMode.DESTROY);
  }
}
