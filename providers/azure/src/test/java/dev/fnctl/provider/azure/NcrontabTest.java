package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fnctl.model.spec.Cron;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NcrontabTest {
  @Test
  void unixCronGainsASecondsField() {
    Cron weekdays = new Cron("30 2 * * MON-FRI", "30", "2", "*", "*", "1-5");
    assertEquals("0 30 2 * * 1-5", Ncrontab.of(weekdays));
    Cron sunday = new Cron("0 9 1 1,6 0", "0", "9", "1", "1,6", "0");
    assertEquals("0 0 9 1 1,6 0", Ncrontab.of(sunday));
  }

  @Test
  void ratesThatDivideAMinuteHourOrDayBecomeSteps() {
    assertEquals("*/30 * * * * *", Ncrontab.of(Duration.ofSeconds(30)));
    assertEquals("0 */15 * * * *", Ncrontab.of(Duration.ofMinutes(15)));
    assertEquals("0 */1 * * * *", Ncrontab.of(Duration.ofMinutes(1)));
    assertEquals("0 0 */2 * * *", Ncrontab.of(Duration.ofHours(2)));
    assertEquals("0 0 0 * * *", Ncrontab.of(Duration.ofDays(1)));
  }

  @Test
  void ratesNoNcrontabCanExpressAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Ncrontab.of(Duration.ofMinutes(7)));
    assertThrows(IllegalArgumentException.class, () -> Ncrontab.of(Duration.ofHours(5)));
    assertThrows(IllegalArgumentException.class, () -> Ncrontab.of(Duration.ofDays(2)));
    assertThrows(IllegalArgumentException.class, () -> Ncrontab.of(Duration.ofSeconds(90)));
  }
}
