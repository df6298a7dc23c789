package dev.fnctl.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerTest {
  @Test
  void theIdentityIsWhatTheTriggerIsNotHowItIsTuned() {
    assertEquals(
        new Trigger.Queue("orders", 5).identity(), new Trigger.Queue("orders", 10).identity());
    assertEquals(
        new Trigger.Http("GET", "/a", "none").slug(), new Trigger.Http("GET", "/a", "iam").slug());
    assertEquals(
        new Trigger.Storage("up", List.of("created"), "img/", null).slug(),
        new Trigger.Storage("up", List.of("deleted"), "img/", null).slug());
    assertNotEquals(
        new Trigger.Http("GET", "/a", "none").slug(),
        new Trigger.Http("POST", "/a", "none").slug());
    assertNotEquals(
        new Trigger.Schedule(null, Duration.ofMinutes(5), null).slug(),
        new Trigger.Schedule(null, Duration.ofMinutes(5), "Europe/Berlin").slug());
    assertEquals(
        new Trigger.Schedule(null, Duration.ofMinutes(5), null).slug(),
        new Trigger.Schedule(null, Duration.ofMinutes(5), "UTC").slug(),
        "no zone is UTC");
  }

  @Test
  void slugsAreShortStableAndSafeInNames() {
    assertEquals("queue-orders", new Trigger.Queue("orders", 10).slug());
    assertEquals("topic-events", new Trigger.Topic("events").slug());
    String http = new Trigger.Http("POST", "/orders/{id}", "none").slug();
    assertTrue(http.matches("http-[0-9a-f]{8}"), http);
    assertEquals(http, new Trigger.Http("POST", "/orders/{id}", "none").slug());
  }
}
