package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Read-modify-write against a document with an etag, as GCP IAM policies and Azure resources have,
 * where someone else writes between fnctl's read and its write.
 */
class SharedDocumentTest {

  /** A document of entries with an etag that changes on every write, as a cloud keeps it. */
  static final class Cloud {
    Map<String, String> entries = new LinkedHashMap<>();
    int etag = 1;
    final AtomicInteger writes = new AtomicInteger();
    final List<Runnable> beforeNextWrites = new ArrayList<>();

    SharedDocument.Versioned<Map<String, String>> read() {
      return new SharedDocument.Versioned<>(new LinkedHashMap<>(entries), "e" + etag);
    }

    void write(Map<String, String> next, String ifMatch) throws ProviderException {
      if (!beforeNextWrites.isEmpty()) beforeNextWrites.remove(0).run();
      if (!("e" + etag).equals(ifMatch))
        throw new ProviderException(ProviderException.Kind.CONFLICT, "412 etag " + ifMatch);
      entries = new LinkedHashMap<>(next);
      etag++;
      writes.incrementAndGet();
    }
  }

  private static SharedDocument<Map<String, String>> doc(Cloud cloud) {
    return new SharedDocument<>("iam-policy/bucket", cloud::read, cloud::write);
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> next = new LinkedHashMap<>(m);
    next.put(k, v);
    return next;
  }

  @Test
  void aWriteBySomeoneElseBetweenReadAndWriteIsReadAgainAndBothSurvive() throws Exception {
    Cloud cloud = new Cloud();
    cloud.entries.put("roles/viewer", "group:ops");
    cloud.beforeNextWrites.add(
        () -> {
          cloud.entries.put("roles/editor", "user:ann"); // another tool, in between
          cloud.etag++;
        });
    doc(cloud).update(m -> with(m, "roles/run.invoker", "serviceAccount:fn"));
    assertEquals(
        Map.of(
            "roles/viewer", "group:ops",
            "roles/editor", "user:ann",
            "roles/run.invoker", "serviceAccount:fn"),
        cloud.entries);
    assertEquals(1, cloud.writes.get());
  }

  @Test
  void nothingToChangeWritesNothing() throws Exception {
    Cloud cloud = new Cloud();
    cloud.entries.put("a", "1");
    doc(cloud).update(m -> "1".equals(m.get("a")) ? null : with(m, "a", "1"));
    assertEquals(0, cloud.writes.get());
  }

  @Test
  void conflictsAreRetriedABoundedNumberOfTimes() {
    Cloud cloud = new Cloud();
    for (int i = 0; i < 10; i++) cloud.beforeNextWrites.add(() -> cloud.etag++);
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> new SharedDocument<>("p", cloud::read, cloud::write, 3).update(m -> m));
    assertEquals(ProviderException.Kind.CONFLICT, e.kind());
    assertTrue(e.getMessage().startsWith("p: changed by someone else 3 times"), e.getMessage());
    assertEquals(7, cloud.beforeNextWrites.size(), "three attempts, no more");
  }

  @Test
  void otherFailuresAreNotRetried() {
    Cloud cloud = new Cloud();
    AtomicInteger tries = new AtomicInteger();
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () ->
                new SharedDocument<Map<String, String>>(
                        "p",
                        cloud::read,
                        (next, v) -> {
                          tries.incrementAndGet();
                          throw new ProviderException(
                              ProviderException.Kind.PERMISSION_DENIED, "403", "iam.set", null);
                        })
                    .update(m -> with(m, "a", "b")));
    assertEquals(ProviderException.Kind.PERMISSION_DENIED, e.kind());
    assertEquals(1, tries.get());
  }
}
