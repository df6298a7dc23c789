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

  static final String OTHER =
      "/subscriptions/99999999-8888-7777-6666-555555555555/resourceGroups/shared-rg/providers/";

  @Test
  void existingIsTheArmResourceIdExactly() throws Exception {
    String fn =
        """
        f:
          code: ./fn
          handler: main.handle
          triggers: [ { queue: { queue: jobs } }, { topic: { topic: news } } ]
          permissions: [ { bucket: legacy, access: read }, { topic: news, access: publish } ]
        """;
    assertEquals(
        List.of(),
        errors(
            fn,
            ("queues: { jobs: { existing: \"%sMicrosoft.Storage/storageAccounts/sharedst/queueServices/default/queues/jobs\" } }\n"
                    + "buckets: { legacy: { existing: \"%sMicrosoft.Storage/storageAccounts/sharedst/blobServices/default/containers/legacy\" } }\n"
                    + "topics: { news: { existing: \"%sMicrosoft.EventGrid/topics/news\" } }")
                .formatted(OTHER, OTHER, OTHER)));
  }

  @Test
  void aBareNameOrAnotherFormIsRefusedSayingTheFormToUse() throws Exception {
    String fn =
        "f: { code: ./fn, handler: main.handle, permissions: [ { bucket: legacy, access: read } ] }";
    assertOne(
        errors(fn, "buckets: { legacy: { existing: acme-legacy-uploads } }"),
        "buckets.legacy.existing",
        "'acme-legacy-uploads' is not the ARM resource id of a blob container",
        "target azure",
        "/blobServices/default/containers/<container>");
    assertOne(
        errors(
            fn,
            "buckets: { legacy: { existing: \"%sMicrosoft.Storage/storageAccounts/sharedst/queueServices/default/queues/legacy\" } }"
                .formatted(OTHER)),
        "buckets.legacy.existing",
        "not the ARM resource id of a blob container");
    assertOne(
        errors(
            "f: { code: ./fn, handler: main.handle }",
            "queues: { jobs: { existing: \"https://sharedst.queue.core.windows.net/jobs\" } }"),
        "queues.jobs.existing",
        "/queueServices/default/queues/<queue>");
    assertOne(
        errors("f: { code: ./fn, handler: main.handle }", "topics: { news: { existing: news } }"),
        "topics.news.existing",
        "Microsoft.EventGrid/topics/<topic>");
  }

  @Test
  void twoContainersOfOneNameAreRefusedAsTheirGrantsWouldShareANameAndOneBeLost() throws Exception {
    assertOne(
        errors(
            "f: { code: ./fn, handler: main.handle }",
            "buckets: { uploads: {}, old: { existing: \"%sMicrosoft.Storage/storageAccounts/sharedst/blobServices/default/containers/uploads\" } }"
                .formatted(OTHER)),
        "buckets.old",
        "as buckets.uploads's is");
  }

  @Test
  void existingInTheStacksOwnAccountIsRefused() throws Exception {
    AzureNames names = new AzureNames(AzureSamples.SUBSCRIPTION, "orders-rg", "orders", "azure");
    assertOne(
        errors(
            "f: { code: ./fn, handler: main.handle }",
            ("queues: { jobs: {}, old: { existing: \"/subscriptions/%s/resourceGroups/%s/providers/"
                    + "Microsoft.Storage/storageAccounts/%s/queueServices/default/queues/older\" } }")
                .formatted(AzureSamples.SUBSCRIPTION, "orders-rg", names.dataAccount())),
        "queues.old.existing",
        "which this stack creates and deletes");
  }

  @Test
  void storageTriggersOnExistingBucketsAreRefusedSayingWhy() throws Exception {
    assertOne(
        errors(
            "f: { code: ./fn, handler: main.handle, triggers: [ { storage: { bucket: legacy } } ] }",
            "buckets: { legacy: { existing: \"%sMicrosoft.Storage/storageAccounts/sharedst/blobServices/default/containers/legacy\" } }"
                .formatted(OTHER)),
        "functions.f.triggers[0].storage.bucket",
        "one per account");
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
