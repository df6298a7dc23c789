package dev.fnctl.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust on the local target, through the real engine: two targets whose names are prefixes of each
 * other are separate worlds on every resource kind (checked by reading the files directly), and a
 * deployed package changed outside fnctl is drift, found by its content.
 */
class LocalTrustTest {
  @TempDir Path project;
  private Path spec;
  private final Engine engine = Engine.create(Providers.discover(), Map.of());

  private static final String SPEC =
      """
      apiVersion: fnctl.dev/v1
      stack: orders
      targets:
        dev: { provider: local }
        dev-eu: { provider: local }
      defaults: { runtime: python3.12, timeout: 60s }
      functions:
        resize:
          code: ./functions/resize
          handler: main.handle
          triggers:
            - http: { method: POST, path: /resize, auth: none }
            - schedule: { cron: "0 9 * * MON-FRI" }
            - queue: { queue: orders, batchSize: 10 }
            - storage: { bucket: uploads, events: [created] }
            - topic: { topic: events }
          permissions:
            - { bucket: uploads, access: read }
      queues:
        orders: { deadLetter: { maxReceives: 5 } }
      topics:
        events: {}
      buckets:
        uploads: {}
      budgets:
        monthly: { amount: 200, currency: USD, period: monthly }
      """;

  @BeforeEach
  void setUp() throws Exception {
    LocalSpecs.writeCode(project);
    spec = project.resolve("fnctl.yaml");
    Files.writeString(spec, SPEC);
  }

  private List<ResourceChange> plan(String target, Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      return s.plan().changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
    }
  }

  private void apply(String target, Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      ApplyReport r = engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE);
      assertTrue(r.succeeded(), () -> target + ": " + r.failed());
    }
  }

  /** Every file under the target's directory with the SHA-256 of its bytes: what "untouched" is. */
  private Map<String, String> files(String target) throws Exception {
    Path dir = project.resolve(".fnctl/local/orders").resolve(target);
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(p).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }

  /** Resource kinds (the folder of each resource file) and how many of each. */
  private Map<String, Integer> kinds(Map<String, String> files) {
    Map<String, Integer> out = new TreeMap<>();
    for (String f : files.keySet())
      if (f.endsWith(".json") && f.contains("/"))
        out.merge(f.substring(0, f.indexOf('/')), 1, Integer::sum);
    return out;
  }

  @Test
  void applyingAndDestroyingDevLeavesDevEuUntouched() throws Exception {
    apply("dev-eu", Engine.PlanMode.NORMAL);
    Map<String, String> devEu = files("dev-eu");
    Map<String, Integer> everyKind = kinds(devEu);
    assertTrue(
        everyKind.keySet().containsAll(List.of("function", "queue", "topic", "bucket", "budget")),
        everyKind.toString());
    assertEquals(List.of(), plan("dev", Engine.PlanMode.DESTROY), "dev owns nothing yet");

    apply("dev", Engine.PlanMode.NORMAL);
    assertEquals(everyKind, kinds(files("dev")), "dev has what dev-eu has");
    assertEquals(devEu, files("dev-eu"), "apply -t dev left dev-eu byte for byte");

    apply("dev", Engine.PlanMode.DESTROY);
    assertEquals(Map.of(), kinds(files("dev")), "dev is gone");
    assertEquals(devEu, files("dev-eu"), "destroy -t dev left dev-eu byte for byte");
    assertEquals(List.of(), plan("dev-eu", Engine.PlanMode.NORMAL));
  }

  @Test
  void aDeployedPackageChangedOutsideFnctlIsDriftAndApplyPutsItBack() throws Exception {
    apply("dev", Engine.PlanMode.NORMAL);
    Path pkg;
    try (Stream<Path> walk = Files.walk(project.resolve(".fnctl/local/orders/dev"))) {
      pkg = walk.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
    }
    byte[] good = Files.readAllBytes(pkg);
    Files.write(pkg, "corrupted".getBytes());

    List<ResourceChange> drift = plan("dev", Engine.PlanMode.NORMAL);
    assertEquals(1, drift.size(), drift.toString());
    assertEquals(Action.UPDATE, drift.get(0).action());
    assertEquals("changed outside fnctl: codeSha256", drift.get(0).reason());

    apply("dev", Engine.PlanMode.NORMAL);
    assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(pkg)), "the package is back");
    assertEquals(List.of(), plan("dev", Engine.PlanMode.NORMAL));

    Files.delete(pkg);
    assertFalse(plan("dev", Engine.PlanMode.NORMAL).isEmpty(), "a lost package is drift too");
  }

  @Test
  void existingNamingAQueueTheStackOwnsIsRefused() throws Exception {
    apply("dev", Engine.PlanMode.NORMAL);
    Files.writeString(
        spec,
        SPEC.replace(
            "orders: { deadLetter: { maxReceives: 5 } }",
            "orders: { existing: orders-dev-orders }"));
    dev.fnctl.provider.ProviderException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.fnctl.provider.ProviderException.class, () -> plan("dev", Engine.PlanMode.NORMAL));
    assertTrue(
        e.getMessage()
            .contains(
                "queues.orders.existing names orders-dev-orders, which stack orders owns on target dev"),
        e.getMessage());
  }
}
