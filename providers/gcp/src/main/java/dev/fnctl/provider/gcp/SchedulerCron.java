package dev.fnctl.provider.gcp;

import dev.fnctl.model.spec.Trigger;
import java.time.Duration;

/**
 * A schedule as Cloud Scheduler takes it: unix-cron. A cron is kept as the spec normalised it; a
 * rate becomes a cron that fires at that interval, which exists only for intervals that divide an
 * hour or a day evenly.
 */
final class SchedulerCron {
  private SchedulerCron() {}

  /**
   * @throws IllegalArgumentException when a rate has no unix-cron equivalent, saying which rates do
   */
  static String of(Trigger.Schedule s) {
    if (s.cron() != null) return s.cron().normalised();
    return rate(s.rate());
  }

  static String rate(Duration rate) {
    long seconds = rate.getSeconds();
    if (seconds % 60 != 0 || seconds <= 0) throw unsupported(rate);
    long minutes = seconds / 60;
    if (minutes == 1) return "* * * * *";
    if (minutes < 60 && 60 % minutes == 0) return "*/" + minutes + " * * * *";
    if (minutes % 60 == 0) {
      long hours = minutes / 60;
      if (hours == 1) return "0 * * * *";
      if (hours < 24 && 24 % hours == 0) return "0 */" + hours + " * * *";
      if (hours == 24) return "0 0 * * *";
    }
    throw unsupported(rate);
  }

  private static IllegalArgumentException unsupported(Duration rate) {
    return new IllegalArgumentException(
        "rate "
            + rate.toSeconds()
            + "s has no Cloud Scheduler (unix-cron) equivalent: use whole minutes that divide an"
            + " hour (1m, 5m, 15m, 30m), whole hours that divide a day (1h, 2h, 6h, 12h), 24h,"
            + " or write a cron");
  }
}
