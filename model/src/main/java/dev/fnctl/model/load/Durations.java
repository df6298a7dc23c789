package dev.fnctl.model.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, {@code 1d};
 * a bare integer means seconds.
 */
final class Durations {
  private static final Pattern WHOLE = Pattern.compile("^(?:\\d{1,9}(?:ms|s|m|h|d))+$");
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Pattern BARE = Pattern.compile("^\\d+$");
  static final String HOW = "write it as 30s, 5m, 1h or 1h30m (a bare number means seconds)";

  private Durations() {}

  /** The duration written, or an IllegalArgumentException saying how to write one. */
  static Duration parse(String text) {
    String t = text.trim();
    if (BARE.matcher(t).matches() && t.length() < 10) return Duration.ofSeconds(Long.parseLong(t));
    if (!WHOLE.matcher(t).matches() || t.length() > 30) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: " + HOW);
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
    }
    return total;
  }

  /** The shortest way to write {@code d} in the spec's own syntax, for messages. */
  static String render(Duration d) {
    if (d.toMillisPart() != 0 || d.isZero()) return d.isZero() ? "0s" : d.toMillis() + "ms";
    long s = d.getSeconds();
    if (s % 86400 == 0) return s / 86400 + "d";
    if (s % 3600 == 0) return s / 3600 + "h";
    if (s % 60 == 0) return s / 60 + "m";
    return s + "s";
  }
}
