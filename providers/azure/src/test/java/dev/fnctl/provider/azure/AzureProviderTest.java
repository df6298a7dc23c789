package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.diag.Severity;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What validate refuses on Flex Consumption, before any call, naming the target and the limit. */
class AzureProviderTest {
  @TempDir Path dir;

  private static final String TARGET =
      "{ provider: azure, subscription: \"11111111-2222-3333-4444-555555555555\","
          + " resourceGroup: orders-rg, region: westeurope }";

  private Deployment deployment(String functions, String extra) throws Exception {
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(e):\n  return 1\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: orders
        targets:
          azure: %s
        defaults: { runtime: python3.12, memory: 2048 }
        functions:
        %s
        %s
        """
            .formatted(TARGET, functions.indent(2), extra));
    return AzureSamples.load(spec, Map.of());
  }

  private List<Problem> errors(String functions, String extra) throws Exception {
    return new AzureProvider()
        .validate(deployment(functions, extra)).stream()
            .filter(p -> p.severity() == Severity.ERROR)
            .toList();
  }

  private static void assertOne(List<Problem> problems, String path, String... says) {
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(path, problems.get(0).path());
    for (String s : says)
      assertTrue(problems.get(0).message().contains(s), problems.get(0).message());
  }

  @Test
  void aSpecFlexCanRunValidatesClean() throws Exception {
    assertEquals(
        List.of(),
        errors(
            """
            api:
              code: ./fn
              handler: main.handle
              concurrency: { max: 50, warm: 1 }
              triggers:
                - http: { method: POST, path: "/orders/{id}", auth: none }
                - schedule: { cron: "0 9 * * 1-5" }
                - schedule: { rate: 15m }
                - queue: { queue: jobs, batchSize: 16 }
              permissions:
                - { queue: jobs, access: consume }
            """,
            "queues: { jobs: { deadLetter: { maxReceives: 3 } } }"));
  }

  @Test
  void memorySizesFlexDoesNotOfferAreRefused() throws Exception {
    assertOne(
        errors("f: { code: ./fn, handler: main.handle, memory: 1024 }", ""),
        "functions.f.memory",
        "1024 MB",
        "512, 2048 or 4096",
        "target azure");
  }

  @Test
  void runtimesFlexOrFnctlDoNotRunAreRefused() throws Exception {
    assertOne(
        errors("f: { code: ./fn, handler: main.handle, runtime: java21 }", ""),
        "functions.f.runtime",
        "java21",
        "Java and .NET",
        "python3.12");
    assertOne(
        errors("f: { code: ./fn, handler: main.handle, runtime: python3.9 }", ""),
        "functions.f.runtime",
        "python3.9");
  }

  @Test
  void aTimeZoneTimersCannotHonourIsAnErrorNotASilentUtc() throws Exception {
    assertOne(
        errors(
            """
            f:
              code: ./fn
              handler: main.handle
              triggers: [ { schedule: { cron: "30 2 * * 1-5", timezone: Europe/Berlin } } ]
            """,
            ""),
        "functions.f.triggers[0].schedule.timezone",
        "Europe/Berlin",
        "UTC");
    assertEquals(
        List.of(),
        errors(
            """
            f:
              code: ./fn
              handler: main.handle
              triggers: [ { schedule: { cron: "30 2 * * 1-5", timezone: UTC } } ]
            """,
            ""));
  }

  @Test
  void ratesNoTimerCanKeepAreRefused() throws Exception {
    assertOne(
        errors(
            "f: { code: ./fn, handler: main.handle, triggers: [ { schedule: { rate: 7m } } ] }",
            ""),
        "functions.f.triggers[0].schedule.rate",
        "420s",
        "target azure");
  }

  @Test
  void instanceLimitsOutsideFlexsRangeAreRefused() throws Exception {
    assertOne(
        errors("f: { code: ./fn, handler: main.handle, concurrency: { max: 5 } }", ""),
        "functions.f.concurrency.max",
        "40..1000");
  }

  @Test
  void triggersFnctlCannotBindOnAzureYetAreRefused() throws Exception {
    List<Problem> problems =
        errors(
            """
            f:
              code: ./fn
              handler: main.handle
              triggers: [ { topic: { topic: news } } ]
            """,
            "topics: { news: { existing: other-news } }");
    assertEquals(
        List.of("topics.news.existing", "functions.f.triggers[0].topic"),
        problems.stream().map(Problem::path).toList());
    for (Problem p : problems) {
      assertTrue(p.message().contains("not supported"), p.message());
      assertTrue(p.message().contains("target azure"), p.message());
    }
  }

  @Test
  void storageTriggersTakeCreatedEventsOnlyAsTheBlobTriggerFiresOnCreatedBlobs() throws Exception {
    assertEquals(
        List.of(),
        errors(
            """
            f:
              code: ./fn
              handler: main.handle
              triggers: [ { storage: { bucket: files, events: [created], prefix: in/ } } ]
            """,
            "buckets: { files: {} }"));
    assertOne(
        errors(
            """
            f:
              code: ./fn
              handler: main.handle
              triggers: [ { storage: { bucket: files, events: [created, deleted] } } ]
            """,
            "buckets: { files: {} }"),
        "functions.f.triggers[0].storage.events",
        "created blobs only");
  }

  @Test
  void secretsNeedAKeyVault() throws Exception {
    assertOne(
        errors("f: { code: ./fn, handler: main.handle, secrets: { API_KEY: stripe-key } }", ""),
        "functions.f.secrets",
        "keyVault");
  }

  @Test
  void theTargetMustNameSubscriptionGroupAndRegion() throws Exception {
    Path spec = dir.resolve("bare.yaml");
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: orders
        targets:
          azure: { provider: azure, subscription: nope }
        functions:
          f: { code: ./fn, handler: main.handle, runtime: python3.12, memory: 512 }
        """);
    List<String> paths =
        new AzureProvider()
            .validate(AzureSamples.load(spec, Map.of())).stream().map(Problem::path).toList();
    assertEquals(
        List.of(
            "targets.azure.subscription", "targets.azure.resourceGroup", "targets.azure.region"),
        paths);
  }

  @Test
  void theOfflineExpansionNeedsNoNetworkAndNamesWhatPlanWillMake() throws Exception {
    Deployment d =
        deployment(
            "f: { code: ./fn, handler: main.handle, triggers: [ { http: { method: GET, path: /f, auth: none } } ] }",
            "");
    List<Resource> offline = new AzureProvider().expandOffline(d).orElseThrow();
    assertTrue(
        offline.stream()
            .anyMatch(r -> r.address().startsWith("azure:web:functionapp/orders-azure-f-")),
        offline.toString());
    assertTrue(
        offline.stream()
            .allMatch(
                r ->
                    !r.type().equals(AzureTypes.FUNCTION_APP)
                        || r.properties()
                            .get(FunctionAppType.PACKAGE)
                            .equals(StackLayout.OFFLINE_DIGEST)));
  }
}
