package dev.fnctl.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.provider.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample of the repository, from its YAML, through the public engine API on the local target:
 * validate, plan, apply, plan again (no changes), destroy (nothing owned left).
 */
class SamplesOnLocalTest {
  @TempDir Path tmp;

  private static final Path SAMPLES =
      Path.of("").toAbsolutePath().resolve("../../samples").normalize();

  @TestFactory
  Stream<DynamicTest> everySampleGoesRoundTrip() throws IOException {
    List<Path> samples;
    try (Stream<Path> dirs = Files.list(SAMPLES)) {
      samples = dirs.filter(d -> Files.isRegularFile(d.resolve("fnctl.yaml"))).sorted().toList();
    }
    assertFalse(samples.isEmpty(), "no samples under " + SAMPLES);
    return samples.stream()
        .map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> roundTrip(s)));
  }

  private void roundTrip(Path sample) throws Exception {
    Path project = tmp.resolve(sample.getFileName().toString());
    copy(sample, project);
    Path spec = project.resolve("fnctl.yaml");
    Engine engine = Engine.create(Providers.discover(), Map.of());

    // Other clouds' providers are not on this module's class path: only their absence may be
    // reported.
    List<Diagnostic> problems =
        engine.validate(spec).stream()
            .filter(d -> !d.message().startsWith("unknown provider"))
            .toList();
    assertEquals(List.of(), problems);

    Plan first;
    try (PlanSession s = engine.plan(spec, null, Engine.PlanMode.NORMAL)) {
      first = s.plan();
      assertEquals("local", first.provider());
      assertTrue(first.count(Action.CREATE) > 0);
      assertEquals(
          first.changes().size(), first.count(Action.CREATE), "a fresh target only creates");
      ApplyReport r = engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE);
      assertTrue(r.succeeded(), r.toString());
    }
    try (PlanSession s = engine.plan(spec, null, Engine.PlanMode.NORMAL)) {
      assertFalse(s.plan().hasChanges(), "plan after apply: " + s.plan().changes());
      assertEquals(first.changes().size(), s.plan().changes().size());
    }
    try (PlanSession s = engine.plan(spec, null, Engine.PlanMode.DESTROY)) {
      assertEquals(first.changes().size(), s.plan().count(Action.DELETE));
      assertTrue(
          engine
              .apply(
                  s, new ApplyOptions(10, java.time.Duration.ZERO, "destroy"), ApplyListener.NONE)
              .succeeded());
    }
    try (PlanSession s = engine.plan(spec, null, Engine.PlanMode.DESTROY)) {
      assertFalse(s.plan().hasChanges(), "nothing owned is left");
    }
    assertFalse(
        Files.exists(project.resolve(".fnctl")),
        "destroy leaves no empty directories behind: " + listing(project.resolve(".fnctl")));
  }

  /**
   * The README's quick start applies a sample in place, leaving its local target in the sample's
   * .fnctl/; a copy made for a test must still start from nothing.
   */
  @Test
  void aSampleAppliedInPlaceIsCopiedWithoutWhatItsLocalTargetHolds() throws Exception {
    Path inPlace = tmp.resolve("checkout/thumbnails");
    copy(SAMPLES.resolve("thumbnails"), inPlace);
    Engine engine = Engine.create(Providers.discover(), Map.of());
    Path spec = inPlace.resolve("fnctl.yaml");
    try (PlanSession s = engine.plan(spec, null, Engine.PlanMode.NORMAL)) {
      assertTrue(engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    assertTrue(Files.isDirectory(inPlace.resolve(".fnctl")));

    Path copied = tmp.resolve("test-copy");
    copy(inPlace, copied);
    assertFalse(Files.exists(copied.resolve(".fnctl")));
    try (PlanSession s = engine.plan(copied.resolve("fnctl.yaml"), null, Engine.PlanMode.NORMAL)) {
      assertEquals(s.plan().changes().size(), s.plan().count(Action.CREATE));
    }
  }

  private static String listing(Path dir) throws IOException {
    if (!Files.exists(dir)) return "";
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(Path::toString).toList().toString();
    }
  }

  /**
   * The sample as the repository has it: without the {@code .fnctl/} a local target keeps in it
   * (the README's quick start applies a sample in place), which would make the copy's first plan
   * find everything already there.
   */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path relative = from.relativize(p);
        if (relative.startsWith(".fnctl")) continue;
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
