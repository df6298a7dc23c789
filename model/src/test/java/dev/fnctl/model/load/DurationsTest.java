package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void readsUnitsAndBareSeconds() {
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
    assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofDays(2), Durations.parse("2d"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "s",
        "30 s",
        "30sec",
        "1.5m",
        "-5s",
        "5m1",
        "m5",
        "1y",
        "99999999999",
        "99999999999999999999s",
        "1234567890m"
      })
  void refusesAnythingElse(String text) {
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
  }

  @Test
  void rendersTheShortestForm() {
    assertEquals("15m", Durations.render(Duration.ofSeconds(900)));
    assertEquals("90s", Durations.render(Duration.ofSeconds(90)));
    assertEquals("2h", Durations.render(Duration.ofHours(2)));
    assertEquals("1500ms", Durations.render(Duration.ofMillis(1500)));
    assertEquals("0s", Durations.render(Duration.ZERO));
  }
}
