package dev.fnctl.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCloudTest {
  @TempDir Path project;
  private Deployment deployment;
  private LocalCloud cloud;

  @BeforeEach
  void connect() throws Exception {
    LocalSpecs.writeCode(project);
    deployment = LocalSpecs.spec(project, 512, "d1").forTarget("dev");
    cloud =
        (LocalCloud)
            new LocalProvider()
                .connect(deployment, new Context(project, Map.of(), Context.Log.SILENT));
  }

  private Resource find(List<Resource> rs, String address) {
    return rs.stream()
        .filter(r -> r.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError(address + " in " + rs));
  }

  /** The address of the function's i-th trigger: keyed by what the trigger is, not where. */
  private String trigger(int i) {
    return "local:trigger/resize/" + deployment.functions().get("resize").triggers().get(i).slug();
  }

  @Test
  void aFunctionWithoutSecretsHasNothingToMask() throws Exception {
    FunctionSpec resize = deployment.functions().get("resize");
    FunctionSpec without =
        new FunctionSpec(
            resize.name(),
            resize.code(),
            resize.handler(),
            resize.settings(),
            Map.of(),
            resize.triggers(),
            resize.permissions());
    Deployment d =
        new Deployment(deployment.spec(), deployment.target(), Map.of("resize", without));
    Resource fn = find(cloud.desired(d), "local:function/resize");
    assertEquals(
        Set.of(), fn.sensitive(), "a plan shows secrets: (sensitive) only where there are some");
    assertEquals(
        Map.of(), fn.properties().get("secrets"), "removing every secret is still a change");
  }

  @Test
  void stateLivesUnderTheProjectPerStackAndTarget() {
    assertEquals(project.resolve(".fnctl/local/orders/dev"), cloud.dir());
  }

  @Test
  void theDirSettingMovesIt() throws Exception {
    Deployment d =
        new dev.fnctl.model.spec.Spec(
                deployment.spec().apiVersion(),
                "orders",
                Map.of(
                    "dev",
                    new dev.fnctl.model.spec.Target(
                        "dev", "local", Map.of("dir", "state"), null, Map.of())),
                deployment.spec().defaults(),
                deployment.spec().functions(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                deployment.spec().file(),
                project,
                deployment.spec().sourceMap(),
                "d")
            .forTarget("dev");
    LocalCloud c =
        (LocalCloud)
            new LocalProvider().connect(d, new Context(project, Map.of(), Context.Log.SILENT));
    assertEquals(project.resolve("state/orders/dev"), c.dir());
  }

  @Test
  void expandsEveryItemButExistingOnes() throws Exception {
    List<Resource> rs = cloud.desired(deployment);
    assertEquals(
        List.of(
            "local:queue/orders",
            "local:topic/events",
            "local:bucket/uploads",
            "local:function/resize",
            trigger(0),
            trigger(1),
            "local:trigger/resize/queue-orders",
            trigger(3),
            "local:trigger/resize/topic-events",
            "local:budget/monthly"),
        rs.stream().map(Resource::address).toList());
    assertTrue(trigger(0).matches("local:trigger/resize/http-[0-9a-f]{8}"), trigger(0));
    assertTrue(trigger(1).matches("local:trigger/resize/schedule-[0-9a-f]{8}"), trigger(1));

    Resource fn = find(rs, "local:function/resize");
    assertEquals("orders-dev-resize", fn.properties().get("name"));
    assertEquals(512L, fn.properties().get("memory"));
    assertEquals(60L, fn.properties().get("timeout"));
    assertEquals(Map.of("API_KEY", "stripe-key"), fn.properties().get("secrets"));
    assertEquals(Set.of("secrets"), fn.sensitive());
    assertEquals(
        ((CodeArchive) fn.payload()).digest().sha256Hex(), fn.properties().get("codeSha256"));
    assertEquals(List.of("local:bucket/uploads", "local:queue/orders"), fn.dependsOn());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> grants =
        (List<Map<String, Object>>) fn.properties().get("permissions");
    // Sorted by kind, name and access: their order in the spec means nothing.
    assertEquals(
        "acme-legacy-uploads",
        grants.get(0).get("resource"),
        "an existing bucket is used by its name");
    assertEquals("orders-dev-uploads", grants.get(1).get("resource"));

    Resource storage = find(rs, trigger(3));
    assertEquals("acme-legacy-uploads", storage.properties().get("bucket"));
    assertEquals(Set.of("bucket"), storage.replaceOn());
    Resource schedule = find(rs, trigger(1));
    assertEquals("0 9 * * 1-5", schedule.properties().get("cron"));
    assertEquals("Europe/Berlin", schedule.properties().get("timezone"));
  }

  @Test
  void writesPrettyJsonWithTagsAndReadsItBackOwned() throws Exception {
    Resource q = find(cloud.desired(deployment), "local:queue/orders");
    Map<String, Object> outputs =
        cloud.apply(new Cloud.Step(Action.CREATE, q.address(), q, null, q.properties()));
    assertEquals(Map.of("id", "orders-dev-orders"), outputs);
    Path file = cloud.dir().resolve("queue/orders.json");
    String text = Files.readString(file);
    assertTrue(
        text.contains(
            "\n  \"tags\": {\n    \"fnctl-stack\": \"orders\",\n    \"fnctl-target\": \"dev\"\n  }"),
        text);

    LiveState live = cloud.read(deployment, List.of());
    LiveResource l = live.find(q.address()).orElseThrow();
    assertTrue(l.owned());
    assertEquals("queue orders", l.item());
    assertEquals(Map.of("maxReceives", 5L), l.properties().get("deadLetter"));
    assertEquals(outputs, l.outputs());
  }

  @Test
  void aFunctionsPackageIsStoredNextToIt() throws Exception {
    Resource fn = find(cloud.desired(deployment), "local:function/resize");
    Map<String, Object> after = new java.util.LinkedHashMap<>(fn.properties());
    after.put("permissions", List.of());
    cloud.apply(new Cloud.Step(Action.CREATE, fn.address(), fn, null, after));
    byte[] zip = Files.readAllBytes(cloud.dir().resolve("function/resize.zip"));
    assertEquals(
        ((CodeArchive) fn.payload()).digest().sha256Hex(),
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(zip)));
    cloud.apply(new Cloud.Step(Action.DELETE, fn.address(), null, null, Map.of()));
    assertFalse(Files.exists(cloud.dir().resolve("function/resize.zip")));
    assertFalse(Files.exists(cloud.dir().resolve("function/resize.json")));
    // Deleting again is fine: every step may be repeated.
    cloud.apply(new Cloud.Step(Action.DELETE, fn.address(), null, null, Map.of()));
  }

  @Test
  void aFileWithoutTheStackTagsIsNotOwnedAndNeverTouched() throws Exception {
    Path file = cloud.dir().resolve("queue/orders.json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        Json.write(
            Map.of(
                "address",
                "local:queue/orders",
                "type",
                "local:queue",
                "tags",
                Map.of("fnctl-stack", "billing", "fnctl-target", "dev"),
                "properties",
                Map.of())));
    assertFalse(cloud.read(deployment, List.of()).find("local:queue/orders").orElseThrow().owned());
    Resource q = find(cloud.desired(deployment), "local:queue/orders");
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> cloud.apply(new Cloud.Step(Action.UPDATE, q.address(), q, null, q.properties())));
    assertTrue(e.getMessage().contains("is not owned by stack 'orders'"), e.getMessage());
    assertThrows(
        ProviderException.class,
        () -> cloud.apply(new Cloud.Step(Action.DELETE, q.address(), null, null, Map.of())));
    assertTrue(Files.readString(file).contains("billing"));
  }

  @Test
  void aDamagedFileIsAClearError() throws Exception {
    Path file = cloud.dir().resolve("queue/orders.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{ \"address\": ");
    ProviderException e =
        assertThrows(ProviderException.class, () -> cloud.read(deployment, List.of()));
    assertTrue(
        e.getMessage().startsWith("cannot read the local resource file " + file), e.getMessage());
  }

  @Test
  void theLockIsTakenOnceAndReleasedOnlyByItsHolder() throws Exception {
    StackLock lock = cloud.lock();
    StackLock.Holder me =
        new StackLock.Holder("a", "me@here", "apply", Instant.parse("2026-11-25T07:00:00Z"));
    StackLock.Holder other =
        new StackLock.Holder("b", "ci@there", "destroy", Instant.parse("2026-11-25T07:01:00Z"));
    assertEquals(Optional.empty(), lock.tryAcquire(me));
    assertEquals(Optional.of(me), lock.tryAcquire(other));
    assertEquals(Optional.of(me), cloud.lock().holder(), "another session sees it");
    lock.release(other);
    assertEquals(Optional.of(me), lock.holder());
    lock.release(me);
    assertEquals(Optional.empty(), lock.holder());
    assertEquals(Optional.empty(), lock.tryAcquire(other));
    lock.forceRelease();
    assertEquals(Optional.empty(), lock.holder());
  }

  @Test
  void onlyOneOfManyRacingSessionsGetsTheLock() throws Exception {
    int n = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      StackLock.Holder h = new StackLock.Holder("h" + i, "w" + i, "apply", Instant.EPOCH);
      results.add(
          pool.submit(
              () -> {
                go.await();
                return cloud.lock().tryAcquire(h).isEmpty();
              }));
    }
    go.countDown();
    int winners = 0;
    for (var f : results) if (f.get()) winners++;
    pool.shutdown();
    assertEquals(1, winners);
  }

  @Test
  void httpTriggersGiveAUrl() throws Exception {
    List<Resource> rs = cloud.desired(deployment);
    Resource http = find(rs, trigger(0));
    Map<String, Object> after = new java.util.LinkedHashMap<>(http.properties());
    after.put("function", "orders-dev-resize");
    Map<String, Object> out =
        cloud.apply(new Cloud.Step(Action.CREATE, http.address(), http, null, after));
    assertEquals("http://localhost/orders/dev/resize", out.get("url"));
    assertEquals(
        Map.of("function resize POST /resize", "http://localhost/orders/dev/resize"),
        cloud.outputs(cloud.read(deployment, rs)));
  }
}
