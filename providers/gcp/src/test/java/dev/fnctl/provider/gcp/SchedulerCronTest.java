package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerCronTest {
  @Test
  void ratesThatDivideAnHourOrADayBecomeCron() {
    assertEquals("* * * * *", SchedulerCron.rate(Duration.ofMinutes(1)));
    assertEquals("*/15 * * * *", SchedulerCron.rate(Duration.ofMinutes(15)));
    assertEquals("0 * * * *", SchedulerCron.rate(Duration.ofHours(1)));
    assertEquals("0 */6 * * *", SchedulerCron.rate(Duration.ofHours(6)));
    assertEquals("0 0 * * *", SchedulerCron.rate(Duration.ofHours(24)));
  }

  @Test
  void otherRatesAreRefusedSayingWhatWorks() {
    for (Duration d :
        new Duration[] {
          Duration.ofMinutes(7), Duration.ofSeconds(90), Duration.ofHours(5), Duration.ofDays(2)
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SchedulerCron.rate(d));
      assertTrue(e.getMessage().contains("divide an hour"), e.getMessage());
    }
  }
}
