package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.model.diag.Severity;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.Providers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpProviderTest {
  @TempDir Path dir;

  @Test
  void isFoundByIdAndNamesNoGoogleTypeInItsSignatures() {
    Provider p = Providers.discover().find("gcp").orElseThrow();
    assertEquals(GcpProvider.class, p.getClass());
    for (var m : GcpProvider.class.getDeclaredMethods()) {
      assertFalse(m.getReturnType().getName().startsWith("com.google"), m.toString());
      for (var t : m.getParameterTypes())
        assertFalse(t.getName().startsWith("com.google"), m.toString());
    }
    for (var f : GcpProvider.class.getDeclaredFields())
      assertFalse(f.getType().getName().startsWith("com.google"), f.toString());
    assertEquals(
        List.of("project", "region", "billingAccount", "endpoint", "stateBucket"),
        List.copyOf(p.settings().keySet()));
  }

  private List<Problem> validate(String functions) throws Exception {
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: shop
            targets:
              gcp: { provider: gcp, project: acme-prod, region: europe-west1 }
            defaults: { runtime: python3.12, timeout: 30s }
            functions:
            %s
            queues:
              jobs: {}
            buckets:
              files: {}
            """
                .formatted(functions.indent(2)));
    return new GcpProvider().validate(GcpSpecs.load(spec, "gcp"));
  }

  private static List<String> errors(List<Problem> problems) {
    return problems.stream()
        .filter(p -> p.severity() == Severity.ERROR)
        .map(p -> p.path() + ": " + p.message())
        .toList();
  }

  @Test
  void aValidSpecHasNoProblems() throws Exception {
    assertEquals(
        List.of(),
        errors(
            validate(
                """
                hello:
                  code: ./functions/hello
                  handler: main.handle
                  memory: 512
                  concurrency: { max: 10, warm: 1 }
                  triggers:
                    - http: { method: POST, path: /hello, auth: none }
                    - queue: { queue: jobs }
                    - schedule: { rate: 15m }
                  permissions:
                    - { bucket: files, access: read }
                """)));
  }

  @Test
  void whatSecondGenCannotHonourIsAnErrorNamingTheTargetAndTheLimit() throws Exception {
    List<String> errors =
        errors(
            validate(
                """
                hello:
                  code: ./functions/hello
                  handler: handler.handle
                  runtime: python3.7
                  timeout: 600s
                  architecture: arm64
                  env: { PORT: "8080" }
                  triggers:
                    - queue: { queue: jobs }
                    - schedule: { rate: 7m }
                    - storage: { bucket: files, prefix: images/ }
                """));
    String all = String.join("\n", errors);
    assertTrue(
        all.contains(
            "functions.hello.runtime: runtime 'python3.7' is not offered on Cloud Functions 2nd gen (target gcp)"),
        all);
    assertTrue(
        all.contains(
            "functions.hello.timeout: timeout 600s is outside 1s..540s, the limit for event-driven functions"),
        all);
    assertTrue(all.contains("functions.hello.architecture"), all);
    assertTrue(all.contains("functions.hello.env.PORT"), all);
    assertTrue(
        all.contains(
            "functions.hello.triggers[1].schedule.rate: schedule rate 420s has no Cloud Scheduler"),
        all);
    assertTrue(
        all.contains(
            "functions.hello.triggers[2].storage: Eventarc filters Cloud Storage events by bucket only"),
        all);
    assertEquals(6, errors.size(), all);
  }

  @Test
  void theThumbnailsSampleIsRefusedSayingWhatToDo() throws Exception {
    Path spec = GcpSpecs.sample("thumbnails", dir, "http://127.0.0.1:9");
    List<String> errors = errors(new GcpProvider().validate(GcpSpecs.load(spec, "gcp")));
    assertEquals(2, errors.size(), String.join("\n", errors));
    for (String suffix : List.of(".jpg", ".png"))
      assertTrue(
          errors.stream()
              .anyMatch(
                  e ->
                      e.endsWith(
                          ".storage: Eventarc filters Cloud Storage events by bucket only on Cloud"
                              + " Functions 2nd gen (target gcp), so prefix 'images/' and suffix '"
                              + suffix
                              + "' cannot be kept: remove prefix/suffix and skip other names at the"
                              + " top of the function (the event's data.name is the object's"
                              + " name), or give these objects a bucket of their own")),
          String.join("\n", errors));
  }

  @Test
  void httpFunctionsMayRunLongerAndPythonHandlersLiveInMainPy() throws Exception {
    List<String> errors =
        errors(
            validate(
                """
                hello:
                  code: ./functions/hello
                  handler: app.handle
                  timeout: 900s
                  triggers:
                    - http: { method: GET, path: /, auth: iam }
                """));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith(
                "functions.hello.handler: handler 'app.handle': Cloud Functions loads main.py"),
        errors.get(0));
  }

  @Test
  void aJavaHandlerNamesAClassNotAMethod() throws Exception {
    List<String> errors =
        errors(
            validate(
                """
                hello:
                  code: ./functions/hello
                  handler: com.acme.Hello::handle
                  runtime: java21
                """));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("write the class name, e.g. com.acme.Hello"), errors.get(0));
  }

  @Test
  void anExistingNameThatIsTheStacksOwnIsRefused() throws Exception {
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: shop
            targets:
              gcp: { provider: gcp, project: acme-prod, region: europe-west1 }
            functions:
              hello: { code: ./functions/hello, handler: main.handle, runtime: python3.12 }
            topics:
              events: {}
              legacy: { existing: "projects/acme-prod/topics/shop-gcp-events" }
            """);
    List<String> errors = errors(new GcpProvider().validate(GcpSpecs.load(spec, "gcp")));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors
            .get(0)
            .startsWith(
                "topics.legacy.existing: 'projects/acme-prod/topics/shop-gcp-events' is topic 'events' of this stack"),
        errors.get(0));
  }

  @Test
  void aTargetWithoutProjectOrRegionSaysWhatToSet() throws Exception {
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: shop
            targets:
              gcp: { provider: gcp }
            functions:
              hello: { code: ./functions/hello, handler: main.handle, runtime: python3.12 }
            """);
    List<String> errors = errors(new GcpProvider().validate(GcpSpecs.load(spec, "gcp")));
    assertEquals(
        List.of(
            "targets.gcp: target gcp has no project: set project: <id>",
            "targets.gcp: target gcp has no region: set region: e.g. europe-west1"),
        errors);
  }
}
