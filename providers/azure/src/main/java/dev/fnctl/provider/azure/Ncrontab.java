package dev.fnctl.provider.azure;

import dev.fnctl.model.spec.Cron;
import java.time.Duration;

/**
 * Schedules as Azure Functions' timer trigger takes them: NCRONTAB with six fields, seconds first
 * ({@code 0 30 2 * * 1-5}). Unix cron's five fields keep their meaning, day-of-week included (0-6
 * from Sunday on both). A fixed rate becomes the NCRONTAB that fires at that rate, which exists
 * only when the rate divides the minute, hour or day evenly; the TimeSpan form ({@code 00:15:00})
 * is refused by Consumption-style plans, so it is never written.
 */
final class Ncrontab {
  private Ncrontab() {}

  static String of(Cron cron) {
    return "0 " + cron.normalised();
  }

  /**
   * The NCRONTAB for a rate.
   *
   * @throws IllegalArgumentException when no NCRONTAB fires at exactly that rate
   */
  static String of(Duration rate) {
    long s = rate.toSeconds();
    if (s <= 0 || rate.toMillis() % 1000 != 0)
      throw new IllegalArgumentException("rate " + rate + " is not a whole number of seconds");
    if (s < 60) {
      if (60 % s != 0) throw uneven(rate);
      return "*/" + s + " * * * * *";
    }
    if (s % 60 != 0) throw uneven(rate);
    long m = s / 60;
    if (m < 60) {
      if (60 % m != 0) throw uneven(rate);
      return "0 */" + m + " * * * *";
    }
    if (m % 60 != 0) throw uneven(rate);
    long h = m / 60;
    if (h < 24) {
      if (24 % h != 0) throw uneven(rate);
      return "0 0 */" + h + " * * *";
    }
    if (h == 24) return "0 0 0 * * *";
    throw uneven(rate);
  }

  private static IllegalArgumentException uneven(Duration rate) {
    return new IllegalArgumentException(
        "rate "
            + rate.toSeconds()
            + "s cannot be written as an NCRONTAB timer: use a rate that divides a minute, an"
            + " hour or a day evenly (e.g. 5m, 15m, 2h), at most 1d, or a cron");
  }
}
