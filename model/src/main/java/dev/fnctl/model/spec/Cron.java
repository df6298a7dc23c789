package dev.fnctl.model.spec;

/**
 * A validated 5-field unix cron expression. The fields are normalised: names (JAN, MON) are turned
 * into numbers and whitespace collapsed, so that providers translate one form only. Day-of-week
 * uses unix numbering, 0-6 from Sunday (7 is accepted and normalised to 0).
 *
 * @param expression the expression as the user wrote it
 */
public record Cron(
    String expression,
    String minute,
    String hour,
    String dayOfMonth,
    String month,
    String dayOfWeek) {

  /** The normalised expression: the five fields joined by single spaces. */
  public String normalised() {
    return String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek);
  }
}
