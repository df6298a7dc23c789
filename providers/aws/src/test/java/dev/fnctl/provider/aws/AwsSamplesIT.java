package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample through the real engine on its {@code aws} target, against moto: plan, apply, plan
 * (no changes), one property changed (exactly one update), out-of-band drift, destroy.
 */
class AwsSamplesIT extends MotoTestBase {

  static Stream<String> samples() throws IOException {
    Path root = samplesRoot();
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs
          .filter(d -> Files.isRegularFile(d.resolve("fnctl.yaml")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  static Path samplesRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("samples"))) p = p.getParent();
    if (p == null)
      throw new IllegalStateException("no samples/ above " + Path.of("").toAbsolutePath());
    return p.resolve("samples");
  }

  Engine engine() {
    Map<String, String> env = new HashMap<>(env());
    return Engine.create(Providers.discover(), env);
  }

  static String describe(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (ResourceChange c : plan.changes()) {
      if (c.action() != Action.NO_OP)
        sb.append(c.action().word())
            .append(' ')
            .append(c.address())
            .append(" (")
            .append(c.reason())
            .append(")\n");
    }
    return sb.toString();
  }

  ApplyReport apply(Engine engine, Path spec, Engine.PlanMode mode) throws Exception {
    try (PlanSession session = engine.plan(spec, "aws", mode)) {
      ApplyReport report = engine.apply(session, ApplyOptions.defaults(), ApplyListener.NONE);
      assertTrue(
          report.succeeded(), report.failed().toString() + " not started " + report.notStarted());
      return report;
    }
  }

  Plan plan(Engine engine, Path spec) throws Exception {
    try (PlanSession session = engine.plan(spec, "aws", Engine.PlanMode.NORMAL)) {
      return session.plan();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleGoesThroughItsWholeLifeOnAws(String sample) throws Exception {
    Path project = dir.resolve(sample);
    copy(samplesRoot().resolve(sample), project);
    Path spec = project.resolve("fnctl.yaml");
    Engine engine = engine();

    assertTrue(plan(engine, spec).hasChanges());
    ApplyReport created = apply(engine, spec, Engine.PlanMode.NORMAL);
    assertFalse(created.done().isEmpty());
    assertEquals(
        "", describe(plan(engine, spec)), sample + ": an applied sample plans to no changes");

    // One property changed in the spec: exactly one update.
    String yaml = Files.readString(spec);
    int functions = yaml.indexOf("\nfunctions:");
    String head = yaml.substring(0, functions);
    String tail = yaml.substring(functions);
    String changed =
        tail.matches("(?s).*\\n\\s+memory: \\d+.*")
            ? head + tail.replaceFirst("(?m)^(\\s+)memory: \\d+", "$1memory: 640")
            : head
                + tail.replaceFirst("(?m)^(\\s+)handler: (\\S+)", "$1handler: $2\n$1memory: 640");
    Files.writeString(spec, changed);
    Plan one = plan(engine, spec);
    List<ResourceChange> updates = new ArrayList<>();
    for (ResourceChange c : one.changes()) if (c.action() != Action.NO_OP) updates.add(c);
    assertEquals(1, updates.size(), describe(one));
    assertEquals(Action.UPDATE, updates.get(0).action());
    assertTrue(updates.get(0).address().startsWith("aws:lambda:function/"), describe(one));
    apply(engine, spec, Engine.PlanMode.NORMAL);
    assertEquals("", describe(plan(engine, spec)));

    // Drift: a function's timeout changed with the aws CLI shows up as an update.
    String function = updates.get(0).address().substring("aws:lambda:function/".length());
    moto.aws(
        "lambda", "update-function-configuration", "--function-name", function, "--timeout", "77");
    Plan drift = plan(engine, spec);
    assertTrue(
        describe(drift).contains("update aws:lambda:function/" + function + " (changed: timeout)"),
        describe(drift));

    apply(engine, spec, Engine.PlanMode.DESTROY);
    String stack = yaml.replaceAll("(?s).*?\\nstack: (\\S+).*", "$1");
    assertEquals(
        List.of(), taggedWith(stack), sample + ": destroy leaves nothing tagged with the stack");
  }

  /**
   * fanout's prod target keeps {@code publish} warm: through the real engine, a memory change is
   * the function and its alias.
   */
  @org.junit.jupiter.api.Test
  void aWarmFunctionsNewVersionIsKnownOnlyAfterApply() throws Exception {
    Path project = dir.resolve("fanout");
    copy(samplesRoot().resolve("fanout"), project);
    Path spec = project.resolve("fnctl.yaml");
    Engine engine = engine();
    try (PlanSession session = engine.plan(spec, "prod", Engine.PlanMode.NORMAL)) {
      assertTrue(engine.apply(session, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    try (PlanSession session = engine.plan(spec, "prod", Engine.PlanMode.NORMAL)) {
      assertEquals("", describe(session.plan()), "an applied warm target plans to no changes");
    }
    Files.writeString(
        spec, Files.readString(spec).replace("        memory: 1024\n", "        memory: 1536\n"));
    try (PlanSession session = engine.plan(spec, "prod", Engine.PlanMode.NORMAL)) {
      assertEquals(
          """
          update aws:lambda:function/fanout-prod-publish (changed: memory)
          update aws:lambda:alias/fanout-prod-publish:live (changed: version)
          """,
          describe(session.plan()));
      ResourceChange alias =
          session.plan().changes().stream()
              .filter(c -> c.address().equals("aws:lambda:alias/fanout-prod-publish:live"))
              .findFirst()
              .orElseThrow();
      assertEquals("1", alias.before().get("version"));
      assertEquals(
          java.util.Set.of("version"),
          alias.unknown(),
          "the new version number is known only after apply");
      assertEquals(2L, alias.after().get("provisionedConcurrency"));
      assertTrue(engine.apply(session, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    try (PlanSession session = engine.plan(spec, "prod", Engine.PlanMode.NORMAL)) {
      assertEquals("", describe(session.plan()));
      assertEquals(
          "2",
          session.plan().changes().stream()
              .filter(c -> c.address().equals("aws:lambda:alias/fanout-prod-publish:live"))
              .findFirst()
              .orElseThrow()
              .before()
              .get("version"));
    }
    try (PlanSession session = engine.plan(spec, "prod", Engine.PlanMode.DESTROY)) {
      assertTrue(engine.apply(session, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    assertEquals(List.of(), taggedWith("fanout"));
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        // Without the .fnctl/ a local apply of the sample in place (the quick start) leaves.
        if (from.relativize(p).startsWith(".fnctl")) continue;
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }
}
