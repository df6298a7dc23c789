package dev.fnctl.provider.aws;

import dev.fnctl.model.spec.Cron;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the spec's schedules into EventBridge Scheduler expressions.
 *
 * <p>Unix cron has five fields with day-of-week 0-6 from Sunday and "either day field" matching
 * when both are restricted; AWS cron has six fields (a year), day-of-week 1-7 from Sunday, and
 * requires {@code ?} in exactly one of day-of-month and day-of-week. A unix expression that
 * restricts both day fields means "either", which AWS cannot say: {@link #cron} rejects it so that
 * validation can name the problem instead of deploying a different schedule.
 */
public final class ScheduleExpression {
  private ScheduleExpression() {}

  /** {@code rate(5 minutes)}: whole days, hours or minutes, the largest unit that divides. */
  public static String rate(Duration rate) {
    long seconds = rate.getSeconds();
    if (seconds < 60 || seconds % 60 != 0) {
      throw new IllegalArgumentException(
          "EventBridge Scheduler rates are whole minutes, at least 1 minute");
    }
    long minutes = seconds / 60;
    if (minutes % (60 * 24) == 0) return unit(minutes / (60 * 24), "day");
    if (minutes % 60 == 0) return unit(minutes / 60, "hour");
    return unit(minutes, "minute");
  }

  private static String unit(long n, String word) {
    return "rate(" + n + " " + word + (n == 1 ? "" : "s") + ")";
  }

  /** {@code cron(0 9 ? * 2-6 *)} for unix {@code 0 9 * * 1-5}. */
  public static String cron(Cron cron) {
    String dom = cron.dayOfMonth();
    String dow = cron.dayOfWeek();
    boolean domAny = dom.equals("*") || dom.equals("?");
    boolean dowAny = dow.equals("*") || dow.equals("?");
    String awsDom;
    String awsDow;
    if (!domAny && !dowAny) {
      throw new IllegalArgumentException(
          "restricts both day-of-month and day-of-week; AWS cron cannot express unix's 'either day' rule: use two schedules");
    } else if (!dowAny) {
      awsDom = "?";
      awsDow = dayOfWeek(dow);
    } else {
      // Day-of-week unrestricted: AWS wants '?' there, and the day-of-month as written.
      awsDom = dom.equals("?") ? "*" : dom;
      awsDow = "?";
    }
    return "cron("
        + String.join(" ", cron.minute(), cron.hour(), awsDom, cron.month(), awsDow, "*")
        + ")";
  }

  /**
   * Unix day-of-week (0-6 from Sunday, 7 also Sunday; names already numbers) to AWS (1-7 from
   * Sunday). AWS has no steps in this field, so the field is expanded to the days it matches and
   * written back with runs of three or more as ranges: {@code 1-5} is {@code 2-6}, {@code 5-7} is
   * {@code 1,6,7}.
   */
  static String dayOfWeek(String field) {
    boolean[] unixDays = new boolean[7];
    for (String part : field.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = Integer.parseInt(part.substring(slash + 1));
        if (step < 1) throw new IllegalArgumentException("day-of-week step must be at least 1");
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = 0;
        to = 6;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = day(ends[0]);
        to = day(ends[1]);
      } else {
        from = day(range);
        to = slash >= 0 ? 6 : from;
      }
      if (from > to)
        throw new IllegalArgumentException("day-of-week range " + range + " runs backwards");
      for (int d = from; d <= to; d += step) unixDays[d % 7] = true;
    }
    List<String> ranges = new ArrayList<>();
    int aws = 1;
    while (aws <= 7) {
      if (!unixDays[aws - 1]) {
        aws++;
        continue;
      }
      int end = aws;
      while (end < 7 && unixDays[end]) end++;
      ranges.add(
          end == aws ? String.valueOf(aws) : end == aws + 1 ? aws + "," + end : aws + "-" + end);
      aws = end + 1;
    }
    if (ranges.isEmpty()) throw new IllegalArgumentException("day-of-week matches no day");
    return ranges.size() == 1 && ranges.get(0).equals("1-7") ? "*" : String.join(",", ranges);
  }

  private static int day(String s) {
    int d;
    try {
      d = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("day-of-week " + s + " is not a number");
    }
    if (d < 0 || d > 7) throw new IllegalArgumentException("day-of-week " + s + " is outside 0-7");
    return d;
  }
}
