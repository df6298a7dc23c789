package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 * * 1-5        | cron(0 9 ? * 2-6 *)",
        "* * * * *          | cron(* * * * ? *)",
        "*/15 * * * *       | cron(*/15 * * * ? *)",
        "0 0 1 * *          | cron(0 0 1 * ? *)",
        "30 2 15 6 *        | cron(30 2 15 6 ? *)",
        "0 12 * * 0         | cron(0 12 ? * 1 *)",
        "0 12 * * 7         | cron(0 12 ? * 1 *)",
        "0 12 * * 6         | cron(0 12 ? * 7 *)",
        "0 12 * * 5-7       | cron(0 12 ? * 1,6,7 *)",
        "0 12 * * 3-7       | cron(0 12 ? * 1,4-7 *)",
        "0 12 * * 0,6       | cron(0 12 ? * 1,7 *)",
        "0 12 * * 1,3,5     | cron(0 12 ? * 2,4,6 *)",
        "0 12 * * 1-5/2     | cron(0 12 ? * 2,4,6 *)",
        "0 12 * * */2       | cron(0 12 ? * 1,3,5,7 *)",
        "0 12 * * 0-6       | cron(0 12 ? * * *)",
        "0 12 * * 1/3       | cron(0 12 ? * 2,5 *)",
        "0 8-18/2 * 1-6 1-5 | cron(0 8-18/2 ? 1-6 2-6 *)",
        "5,35 * 1-7 * *     | cron(5,35 * 1-7 * ? *)",
        "0 0 ? * 3          | cron(0 0 ? * 4 *)",
        "0 0 1 1 ?          | cron(0 0 1 1 ? *)",
        "0 0 */2 * *        | cron(0 0 */2 * ? *)",
      })
  void translatesUnixCron(String unix, String aws) {
    assertEquals(aws, ScheduleExpression.cron(TestSpecs.cron(unix)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 9 1 * 1   | restricts both day-of-month and day-of-week",
        "0 9 * * 8   | outside 0-7",
        "0 9 * * 5-2 | runs backwards",
      })
  void refusesWhatAwsCannotSay(String unix, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ScheduleExpression.cron(TestSpecs.cron(unix)));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT1M   | rate(1 minute)",
        "PT5M   | rate(5 minutes)",
        "PT90M  | rate(90 minutes)",
        "PT1H   | rate(1 hour)",
        "PT6H   | rate(6 hours)",
        "P1D    | rate(1 day)",
        "P2D    | rate(2 days)",
      })
  void translatesRates(String duration, String aws) {
    assertEquals(aws, ScheduleExpression.rate(Duration.parse(duration)));
  }

  @org.junit.jupiter.api.Test
  void refusesSubMinuteRates() {
    assertThrows(
        IllegalArgumentException.class, () -> ScheduleExpression.rate(Duration.ofSeconds(30)));
    assertThrows(
        IllegalArgumentException.class, () -> ScheduleExpression.rate(Duration.ofSeconds(90)));
  }

  /** docs/providers.md's table of unix crons and what AWS gets is what is sent. */
  @org.junit.jupiter.api.Test
  void theDocumentedExamplesAreWhatIsSent() throws java.io.IOException {
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile("(?m)^\\| `([^`]+)` \\| `(cron\\([^`]+\\))` \\|$")
            .matcher(
                java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/providers.md")));
    int rows = 0;
    while (row.find()) {
      assertEquals(
          row.group(2),
          ScheduleExpression.cron(dev.fnctl.model.spec.CronSyntax.parse(row.group(1))),
          row.group());
      rows++;
    }
    assertEquals(5, rows, "the table's rows were found");
  }
}
