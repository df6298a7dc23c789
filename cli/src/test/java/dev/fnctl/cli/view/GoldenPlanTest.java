package dev.fnctl.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fnctl.model.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What users read, compared byte for byte with files under {@code src/test/resources/golden}. Run
 * with {@code -Dfnctl.golden.update=true} to rewrite them after an intended change, then review the
 * diff.
 */
class GoldenPlanTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("fnctl.golden.update");

  static Stream<Arguments> cases() {
    return PlanFixtures.cases().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planText(String name, Plan plan) throws IOException {
    check(GOLDEN.resolve(name).resolve("plan.txt"), render(plan, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planJson(String name, Plan plan) throws IOException {
    check(GOLDEN.resolve(name).resolve("plan.json"), render(plan, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void planMarkdown(String name, Plan plan) throws IOException {
    check(GOLDEN.resolve(name).resolve("plan.md"), markdown(plan));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void noSecretInAnyForm(String name, Plan plan) {
    String text = render(plan, true) + render(plan, false) + markdown(plan);
    for (String secret : new String[] {"stripe-key", "old-token", "new-token"}) {
      assertFalse(text.contains(secret), name + " shows " + secret);
    }
  }

  private static String markdown(Plan plan) {
    StringWriter sw = new StringWriter();
    PlanView.markdown(new PrintWriter(sw)).show(plan);
    return sw.toString();
  }

  private static String render(Plan plan, boolean human) {
    StringWriter sw = new StringWriter();
    PrintWriter pw = new PrintWriter(sw);
    (human ? PlanView.human(pw, Palette.PLAIN) : PlanView.json(pw)).show(plan);
    pw.flush();
    return sw.toString().replace(System.lineSeparator(), "\n");
  }

  private static void check(Path file, String actual) throws IOException {
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      throw new AssertionError(
          file + " is missing; run with -Dfnctl.golden.update=true to write it");
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, file.toString());
  }
}
