package dev.fnctl.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fnctl.engine.ApplyReport;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Apply as users read it: progress lines, then the totals and outputs, or the failure report.
 * Compared with {@code src/test/resources/golden/apply-*}; {@code -Dfnctl.golden.update=true}
 * rewrites them.
 */
class GoldenApplyTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** Plays an apply of the mixed plan; {@code failAt} (or -1) is the change that fails. */
  private static String play(int failAt, boolean destroy, Map<String, String> outputs) {
    return play(failAt, -1, destroy, outputs);
  }

  /**
   * As above; from {@code interruptAt} on (or -1: never), changes are not started, as after Ctrl-C.
   */
  private static String play(
      int failAt, int interruptAt, boolean destroy, Map<String, String> outputs) {
    Plan plan = PlanFixtures.cases().get(destroy ? "delete" : "mixed");
    StringWriter sw = new StringWriter();
    ApplyView view = new ApplyView(new PrintWriter(sw), Palette.PLAIN);
    List<ResourceChange> done = new ArrayList<>();
    Map<ResourceChange, String> failed = new LinkedHashMap<>();
    List<ResourceChange> notStarted = new ArrayList<>();
    int i = 0;
    for (ResourceChange c : plan.changes()) {
      if (c.action() == Action.NO_OP) continue;
      if (!failed.isEmpty() || (interruptAt >= 0 && i >= interruptAt)) {
        notStarted.add(c);
      } else if (i++ == failAt) {
        view.started(c);
        view.note("throttled; retrying in 2s");
        view.failed(c, "AccessDenied: not allowed to change " + c.address());
        failed.put(c, "AccessDenied: not allowed to change " + c.address());
      } else {
        view.started(c);
        view.finished(c, Duration.ofMillis(1250));
        done.add(c);
      }
    }
    view.report(
        new ApplyReport(
            done, failed, notStarted, failed.isEmpty() ? outputs : Map.of(), interruptAt >= 0),
        destroy);
    return sw.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void complete() throws IOException {
    check(
        "apply-complete",
        play(
            -1,
            false,
            Map.of("function resize POST /resize", "http://localhost/orders/dev/resize")));
  }

  @Test
  void failed() throws IOException {
    check("apply-failed", play(2, false, Map.of()));
  }

  @Test
  void interrupted() throws IOException {
    check("apply-interrupted", play(-1, 2, false, Map.of()));
  }

  @Test
  void destroyed() throws IOException {
    check("destroy-complete", play(-1, true, Map.of()));
  }

  /**
   * A long apply: a replacement that creates first, reported while it runs, with both halves; then
   * a failure of a kind every provider names the same way.
   */
  @Test
  void longRunningAndFailedWithAKind() throws IOException {
    StringWriter sw = new StringWriter();
    ApplyView view = new ApplyView(new PrintWriter(sw), Palette.PLAIN);
    ResourceChange replace = PlanFixtures.replaceCreateFirst();
    ResourceChange update = PlanFixtures.update();
    view.started(replace);
    view.started(update);
    view.stillRunning(replace, Action.CREATE, Duration.ofSeconds(10));
    view.halfDone(replace, Action.CREATE, Duration.ofMillis(12_400));
    view.stillRunning(replace, Action.DELETE, Duration.ofSeconds(20));
    view.finished(replace, Duration.ofMillis(21_000));
    String denied =
        "UpdateFunctionConfiguration orders-dev-report: AccessDeniedException: not authorized"
            + " (missing permission: lambda:UpdateFunctionConfiguration)";
    view.failed(update, denied, dev.fnctl.provider.ProviderException.Kind.PERMISSION_DENIED);
    view.report(
        new ApplyReport(
            List.of(replace),
            Map.of(update, denied),
            List.of(),
            Map.of(),
            false,
            Map.of(update.address(), dev.fnctl.provider.ProviderException.Kind.PERMISSION_DENIED)),
        false);
    check("apply-long-running", sw.toString().replace(System.lineSeparator(), "\n"));
  }

  private static void check(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name).resolve("apply.txt");
    if (Boolean.getBoolean("fnctl.golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file))
      throw new AssertionError(file + " is missing; run with -Dfnctl.golden.update=true");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, file.toString());
  }
}
