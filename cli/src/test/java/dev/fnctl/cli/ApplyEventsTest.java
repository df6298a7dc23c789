package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.fnctl.cli.view.PlanFixtures;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --json} and {@code destroy --json}: every line is one event valid against the
 * documented schema ({@code docs/json-events.schema.json}), in the order the docs promise.
 */
class ApplyEventsTest {
  /** The published schema, read from docs/ so the docs cannot drift from the code. */
  static final Path SCHEMA = Path.of("..", "docs", "json-events.schema.json");

  static JsonSchema schema;

  @TempDir Path dir;
  Path spec;
  final FakeEngine engine = new FakeEngine();
  final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
  String out;
  String err;

  @BeforeAll
  static void loadSchema() throws IOException {
    schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
  }

  @BeforeEach
  void setUp() throws IOException {
    spec = Files.writeString(dir.resolve("fnctl.yaml"), "stack: orders\n");
    engine.plan = PlanFixtures.cases().get("mixed");
    engine.destroyPlan = PlanFixtures.cases().get("delete");
    engine.outputs = Map.of("report.url", "http://127.0.0.1:9000/report");
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Cli cli = new Cli(new PrintWriter(o), new PrintWriter(e), env, Terminal.NONE, () -> engine);
    int code = Main.run(cli, args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  /** Every line parsed and checked against the schema; the events in order. */
  List<Map<String, Object>> events() throws IOException {
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : out.lines().toList()) {
      JsonNode node = new ObjectMapper().readTree(line);
      Set<ValidationMessage> problems = schema.validate(node);
      assertTrue(problems.isEmpty(), line + ": " + problems);
      events.add(Json.parseObject(line));
    }
    return events;
  }

  static List<Object> types(List<Map<String, Object>> events) {
    return events.stream().map(e -> e.get("type")).toList();
  }

  @Test
  void aSuccessfulApplyStreamsPlanChangesOutputsAndSummary() throws IOException {
    assertEquals(0, run("apply", "-f", spec.toString(), "--json", "--auto-approve"));
    List<Map<String, Object>> events = events();
    List<Object> types = types(events);
    assertEquals("version", types.get(0));
    assertEquals(
        dev.fnctl.cli.view.ApplyEvents.SCHEMA_VERSION, events.get(0).get("schema_version"));
    assertEquals("apply", events.get(0).get("operation"));
    // 6 changes (the no-op left out), the plan's totals, start and done for each, outputs, totals.
    assertEquals(6, types.stream().filter("planned_change"::equals).count(), types.toString());
    assertEquals(6, types.stream().filter("apply_start"::equals).count(), types.toString());
    assertEquals(6, types.stream().filter("apply_complete"::equals).count(), types.toString());
    assertEquals("change_summary", types.get(7));
    assertEquals("outputs", types.get(types.size() - 2));
    assertEquals(
        Map.of("report.url", "http://127.0.0.1:9000/report"),
        events.get(types.size() - 2).get("outputs"));
    Map<String, Object> summary = events.get(types.size() - 1);
    assertEquals("apply", summary.get("operation"));
    assertEquals("complete", summary.get("result"));
    assertEquals(Map.of("add", 2L, "change", 3L, "destroy", 2L), summary.get("changes"));
    assertEquals("", err);
  }

  @Test
  void aFailedChangeIsAnErroredEventAndTheSummarySaysWhatWasNotDone() throws IOException {
    engine.failing = "local:function/orders-dev-report";
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString(), "--json", "--auto-approve"));
    List<Map<String, Object>> events = events();
    Map<String, Object> errored =
        events.stream().filter(e -> "apply_errored".equals(e.get("type"))).findFirst().get();
    assertEquals("the cloud said no", errored.get("error"));
    assertEquals("error", errored.get("@level"));
    Map<String, Object> summary = events.get(events.size() - 1);
    assertEquals("failed", summary.get("result"));
    assertEquals(List.of("local:function/orders-dev-report"), summary.get("failed"));
    assertEquals(4, ((List<?>) summary.get("not_started")).size());
    assertTrue(types(events).stream().noneMatch("outputs"::equals), "no outputs after a failure");
  }

  @Test
  void specProblemsAreDiagnosticEventsAsWellAsStderrLines() throws IOException {
    engine.specProblem =
        new SpecException(
            List.of(
                new Diagnostic(
                    new Position("fnctl.yaml", 4, 13),
                    "functions.resize.memory",
                    "20000 MB is out of range")));
    assertEquals(ExitCode.INVALID, run("apply", "-f", spec.toString(), "--json", "--auto-approve"));
    List<Map<String, Object>> events = events();
    assertEquals(List.of("version", "diagnostic"), types(events));
    Map<?, ?> d = (Map<?, ?>) events.get(1).get("diagnostic");
    assertEquals(4L, d.get("line"));
    assertEquals(13L, d.get("column"));
    assertEquals("functions.resize.memory", d.get("path"));
    assertTrue(err.contains("fnctl.yaml:4:13: functions.resize.memory: 20000 MB"), err);
  }

  @Test
  void jsonWithoutAutoApproveIsRefusedBeforeAnythingIsRead() throws IOException {
    assertEquals(ExitCode.INVALID, run("apply", "-f", spec.toString(), "--json"));
    assertTrue(err.contains("apply --json needs --auto-approve"), err);
    assertEquals(List.of(), engine.calls);
    assertEquals(List.of("version", "diagnostic"), types(events()));
    assertEquals(ExitCode.INVALID, run("destroy", "-f", spec.toString(), "--json"));
    assertTrue(err.contains("destroy --json needs --auto-approve"), err);
  }

  @Test
  void destroyStreamsItsDeletions() throws IOException {
    assertEquals(0, run("destroy", "-f", spec.toString(), "--json", "--auto-approve"));
    List<Map<String, Object>> events = events();
    assertEquals("destroy", events.get(0).get("operation"));
    Map<String, Object> summary = events.get(events.size() - 1);
    assertEquals("destroy", summary.get("operation"));
    assertEquals(Map.of("add", 0L, "change", 0L, "destroy", 1L), summary.get("changes"));
    assertTrue(out.lines().allMatch(l -> l.startsWith("{")), out);
  }

  @Test
  void progressOfALongChangeAndAProvidersNoteAreValidEvents() throws IOException {
    StringWriter sw = new StringWriter();
    dev.fnctl.cli.view.ApplyEvents events =
        new dev.fnctl.cli.view.ApplyEvents(new PrintWriter(sw), java.time.Clock.systemUTC());
    dev.fnctl.model.plan.ResourceChange c = engine.plan.changes().get(0);
    events.stillRunning(c, dev.fnctl.model.plan.Action.CREATE, java.time.Duration.ofSeconds(20));
    events.halfDone(c, dev.fnctl.model.plan.Action.DELETE, java.time.Duration.ofMillis(1500));
    events.note("waiting for the function to become active");
    out = sw.toString();
    List<Map<String, Object>> progress = events();
    assertEquals(3, progress.size());
    assertEquals("create", progress.get(0).get("step"));
    assertEquals(
        "local:queue/orders-dev-orders: still creating... [20s elapsed]",
        progress.get(0).get("@message"));
    assertEquals(List.of("apply_progress"), types(progress).stream().distinct().toList());
  }

  @Test
  void theSchemaRejectsWhatTheDocsDoNotPromise() throws IOException {
    String ok =
        "{\"@level\":\"info\",\"@message\":\"m\",\"@timestamp\":\"2026-01-01T00:00:00Z\","
            + "\"type\":\"apply_complete\",\"change\":{\"address\":\"a\",\"resource_type\":\"t\","
            + "\"item\":\"i\",\"action\":\"create\"},\"elapsed_seconds\":1.2}";
    assertTrue(schema.validate(new ObjectMapper().readTree(ok)).isEmpty());
    for (String bad :
        List.of(
            ok.replace(",\"elapsed_seconds\":1.2", ""),
            ok.replace("apply_complete", "apply_finished"),
            ok.replace("\"create\"", "\"no-op\""))) {
      assertTrue(!schema.validate(new ObjectMapper().readTree(bad)).isEmpty(), bad);
    }
  }

  @Test
  void nothingToDoStillEndsWithTheOutputs() throws IOException {
    engine.plan = PlanFixtures.cases().get("no-op");
    assertEquals(0, run("apply", "-f", spec.toString(), "--json", "--auto-approve"));
    assertEquals(List.of("version", "change_summary", "outputs"), types(events()));
  }
}
