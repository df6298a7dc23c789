package dev.fnctl.model.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads 5-field unix cron ({@code minute hour day-of-month month day-of-week}) and checks it for
 * real: every value and range in bounds, ranges ascending, steps positive, names (JAN-DEC, SUN-SAT,
 * any case) only where they mean something, and a day that exists in a chosen month. The result is
 * normalised (names to numbers, day-of-week 7 to 0) so that providers translate a single form.
 */
public final class CronSyntax {

  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final Field[] FIELDS = {
    new Field("minute", 0, 59, List.of()),
    new Field("hour", 0, 23, List.of()),
    new Field("day-of-month", 1, 31, List.of()),
    new Field("month", 1, 12, MONTHS),
    new Field("day-of-week", 0, 7, DAYS),
  };
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
  private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private CronSyntax() {}

  /**
   * The validated, normalised cron.
   *
   * @throws IllegalArgumentException with a message that says what is wrong and how to write it
   */
  public static Cron parse(String expression) {
    String trimmed = expression.trim();
    if (trimmed.startsWith("@")) {
      throw new IllegalArgumentException(
          "'"
              + trimmed
              + "' is a shortcut some cron daemons know; write the 5 fields instead,"
              + " e.g. '0 0 * * *' for @daily");
    }
    String[] parts = trimmed.isEmpty() ? new String[0] : SPACES.split(trimmed);
    if (parts.length != 5) {
      String extra = parts.length == 6 ? " (fnctl's cron has no seconds or year field)" : "";
      throw new IllegalArgumentException(
          "cron has "
              + parts.length
              + " fields, expected 5: minute hour day-of-month month"
              + " day-of-week, e.g. '0 9 * * 1-5'"
              + extra);
    }
    List<TreeSet<Integer>> values = new ArrayList<>();
    String[] normalised = new String[5];
    for (int i = 0; i < 5; i++) {
      TreeSet<Integer> set = new TreeSet<>();
      normalised[i] = field(parts[i], FIELDS[i], set);
      values.add(set);
    }
    checkDayExists(parts, values);
    return new Cron(
        expression, normalised[0], normalised[1], normalised[2], normalised[3], normalised[4]);
  }

  private static String field(String text, Field f, TreeSet<Integer> seen) {
    List<String> out = new ArrayList<>();
    for (String element : text.split(",", -1)) {
      out.add(element(element, f, seen));
    }
    return String.join(",", out);
  }

  private static String element(String element, Field f, TreeSet<Integer> seen) {
    if (element.isEmpty()) throw bad(f, "has an empty list item");
    String withoutNames = withoutNames(element, f);
    for (String unsupported : new String[] {"?", "L", "W", "#"}) {
      if (withoutNames.contains(unsupported)) {
        throw bad(
            f,
            "uses '"
                + unsupported
                + "', which unix cron does not know; use numbers, *, ranges (1-5), lists (1,3) and"
                + " steps (*/5)");
      }
    }
    String range = element;
    Integer step = null;
    int slash = element.indexOf('/');
    if (slash >= 0) {
      range = element.substring(0, slash);
      String stepText = element.substring(slash + 1);
      if (!NUMBER.matcher(stepText).matches())
        throw bad(f, "step '" + stepText + "' is not a number");
      step = Integer.parseInt(stepText);
      if (step == 0) throw bad(f, "step must be at least 1");
    }
    int start;
    int end;
    boolean star = range.equals("*");
    if (star) {
      start = f.min();
      end = f.name().equals("day-of-week") ? 6 : f.max();
    } else {
      int dash = range.indexOf('-');
      if (dash >= 0) {
        start = value(range.substring(0, dash), f);
        end = value(range.substring(dash + 1), f);
        if (start > end) {
          throw bad(f, "range " + range + " runs backwards; write the smaller value first");
        }
      } else {
        start = value(range, f);
        if (step != null) {
          throw bad(
              f,
              "step '"
                  + element
                  + "' needs a range or '*', e.g. "
                  + start
                  + "-"
                  + f.max()
                  + "/"
                  + step
                  + " or */"
                  + step);
        }
        end = start;
      }
    }
    int by = step == null ? 1 : step;
    boolean hasSeven = false;
    for (int v = start; v <= end; v += by) {
      if (f.name().equals("day-of-week") && v == 7) {
        hasSeven = true;
        seen.add(0);
      } else {
        seen.add(v);
      }
    }
    if (star) return step == null ? "*" : "*/" + step;
    if (hasSeven) {
      // Sunday written as 7: spell the days out so that 7 becomes 0 without breaking a range.
      java.util.Set<String> days = new java.util.LinkedHashSet<>();
      for (int v = start; v <= end; v += by) days.add(String.valueOf(v == 7 ? 0 : v));
      return String.join(",", days);
    }
    String r = start == end ? String.valueOf(start) : start + "-" + end;
    return step == null ? r : r + "/" + step;
  }

  private static String withoutNames(String element, Field f) {
    String upper = element.toUpperCase(Locale.ROOT);
    for (String name : f.names()) upper = upper.replace(name, "");
    return upper;
  }

  private static int value(String text, Field f) {
    int index = f.names().indexOf(text.toUpperCase(Locale.ROOT));
    if (index >= 0) return f.name().equals("month") ? index + 1 : index;
    if (!NUMBER.matcher(text).matches()) {
      String names =
          f.names().isEmpty()
              ? ""
              : " or a name " + f.names().get(0) + "-" + f.names().get(f.names().size() - 1);
      throw bad(f, "'" + text + "' is not a number" + names);
    }
    int v = Integer.parseInt(text);
    if (v < f.min() || v > f.max()) {
      throw bad(f, "value " + v + " is out of range " + f.min() + "-" + f.max());
    }
    return v;
  }

  /** A day-of-month that no chosen month has (30 2 * ...) would never run. */
  private static void checkDayExists(String[] parts, List<TreeSet<Integer>> values) {
    if (!parts[4].equals("*") || parts[2].equals("*")) return;
    int smallestDay = values.get(2).first();
    for (int month : values.get(3)) {
      if (smallestDay <= DAYS_IN_MONTH[month - 1]) return;
    }
    throw new IllegalArgumentException("cron never runs: no chosen month has day " + smallestDay);
  }

  private static IllegalArgumentException bad(Field f, String what) {
    return new IllegalArgumentException("cron " + f.name() + " field " + what);
  }
}
