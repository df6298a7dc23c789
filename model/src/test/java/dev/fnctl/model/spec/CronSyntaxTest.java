package dev.fnctl.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronSyntaxTest {

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 * * 1-5            | 0 9 * * 1-5",
        "*/5 * * * *            | */5 * * * *",
        "0   0  1  *  *         | 0 0 1 * *",
        "1-10/2 * * * *         | 1-10/2 * * * *",
        "0 9 * * MON-FRI        | 0 9 * * 1-5",
        "0 9 * * mon,wed,fri    | 0 9 * * 1,3,5",
        "0 0 1 jan,Jul *        | 0 0 1 1,7 *",
        "0 0 * JAN-MAR/2 *      | 0 0 * 1-3/2 *",
        "0 0 * * 7              | 0 0 * * 0",
        "0 0 * * SUN            | 0 0 * * 0",
        "0 0 * * 5-7            | 0 0 * * 5,6,0",
        "0 0 * * 0-7/7          | 0 0 * * 0",
        "59 23 31 12 6          | 59 23 31 12 6",
        "0 0 29 2 *             | 0 0 29 2 *",
        "0 0 31 * *             | 0 0 31 * *",
        "0 12 * * */2           | 0 12 * * */2",
        "15,45 8-18 * * 1-5     | 15,45 8-18 * * 1-5",
      })
  void acceptsAndNormalises(String expression, String normalised) {
    Cron cron = CronSyntax.parse(expression);
    assertEquals(normalised, cron.normalised());
    assertEquals(expression, cron.expression());
  }

  @Test
  void keepsTheFieldsApart() {
    Cron cron = CronSyntax.parse("5 4 3 FEB SAT");
    assertEquals("5", cron.minute());
    assertEquals("4", cron.hour());
    assertEquals("3", cron.dayOfMonth());
    assertEquals("2", cron.month());
    assertEquals("6", cron.dayOfWeek());
  }

  @ParameterizedTest(name = "''{0}'' is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 * *               | has 4 fields",
        "0 0 9 * * 1-5         | no seconds or year",
        "''                    | has 0 fields",
        "@hourly               | shortcut",
        "60 * * * *            | minute field value 60 is out of range 0-59",
        "0 24 * * *            | hour field value 24",
        "0 0 0 * *             | day-of-month field value 0",
        "0 0 32 * *            | day-of-month field value 32",
        "0 0 * 0 *             | month field value 0",
        "0 0 * 13 *            | month field value 13",
        "0 0 * * 8             | day-of-week field value 8",
        "0 17-9 * * *          | runs backwards",
        "0 0 * * FRI-MON       | runs backwards",
        "*/0 * * * *           | at least 1",
        "1-10/0 * * * *        | at least 1",
        "5/15 * * * *          | needs a range",
        "*/x * * * *           | is not a number",
        "0 9 * * 1,,5          | empty list item",
        "0 9 ? * MON           | '?'",
        "0 9 L * *             | 'L'",
        "0 9 15W * *           | 'W'",
        "0 9 * * MON#2         | '#'",
        "0 9 * JANUARY *       | 'JANUARY' is not a number or a name JAN-DEC",
        "0 9 MON * *           | 'MON' is not a number",
        "0 MON * * *           | 'MON' is not a number",
        "a b c d e             | is not a number",
        "-5 * * * *            | is not a number",
        "0 0 30 2 *            | never runs",
        "0 0 31 4,6,9,11 *     | never runs",
      })
  void refuses(String expression, String messagePart) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CronSyntax.parse(expression));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void aDayThatOnlySomeChosenMonthsHaveStillRuns() {
    assertEquals("0 0 31 1-4 *", CronSyntax.parse("0 0 31 1-4 *").normalised());
    // With a day of week set, unix cron runs on either match, so a missing day is not "never".
    assertEquals("0 0 30 2 1", CronSyntax.parse("0 0 30 2 1").normalised());
  }
}
