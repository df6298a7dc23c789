package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Identity;
import com.google.cloud.NoCredentials;
import com.google.cloud.Policy;
import com.google.cloud.Role;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Cloud Storage JSON API through the real google-cloud-storage client (its HTTP transport). */
class StorageClientIT {
  private FakeGcp fake;
  private Storage storage;

  @BeforeEach
  void start() {
    fake = FakeGcp.start();
    storage =
        StorageOptions.newBuilder()
            .setHost(fake.endpoint())
            .setProjectId("acme-test")
            .setCredentials(NoCredentials.getInstance())
            .build()
            .getService();
  }

  @AfterEach
  void stop() throws Exception {
    storage.close();
    fake.close();
  }

  @Test
  void bucketsCarryLabelsThatPatchMergesAndRemoves() {
    storage.create(
        BucketInfo.newBuilder("shop-assets")
            .setLabels(Map.of("fnctl-stack", "shop", "team", "a"))
            .setLocation("europe-west1")
            .build());
    Bucket bucket = storage.get("shop-assets");
    assertEquals(Map.of("fnctl-stack", "shop", "team", "a"), bucket.getLabels());
    assertEquals("EUROPE-WEST1", bucket.getLocation());

    Map<String, String> labels = new java.util.HashMap<>();
    labels.put("team", null);
    labels.put("env", "prod");
    storage.update(BucketInfo.newBuilder("shop-assets").setLabels(labels).build());
    assertEquals(
        Map.of("fnctl-stack", "shop", "env", "prod"), storage.get("shop-assets").getLabels());

    StorageException taken =
        assertThrows(StorageException.class, () -> storage.create(BucketInfo.of("shop-assets")));
    assertEquals(409, taken.getCode());
    assertEquals(1, com.google.common.collect.Iterables.size(storage.list().iterateAll()));
  }

  @Test
  void aLockObjectIsCreatedOnlyIfAbsentAndDeletedOnlyAtItsGeneration() {
    storage.create(BucketInfo.of("state"));
    BlobInfo lock =
        BlobInfo.newBuilder("state", "locks/prod.json").setContentType("application/json").build();
    Blob held =
        storage.create(
            lock,
            "{\"holder\":\"a\"}".getBytes(StandardCharsets.UTF_8),
            Storage.BlobTargetOption.doesNotExist());
    StorageException second =
        assertThrows(
            StorageException.class,
            () ->
                storage.create(
                    lock,
                    "{\"holder\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                    Storage.BlobTargetOption.doesNotExist()));
    assertEquals(412, second.getCode());
    assertEquals(
        "{\"holder\":\"a\"}",
        new String(storage.readAllBytes("state", "locks/prod.json"), StandardCharsets.UTF_8));

    BlobId lockId = BlobId.of("state", "locks/prod.json");
    StorageException staleDelete =
        assertThrows(
            StorageException.class,
            () ->
                storage.delete(
                    lockId, Storage.BlobSourceOption.generationMatch(held.getGeneration() - 1)));
    assertEquals(412, staleDelete.getCode());
    assertTrue(storage.delete(held.getBlobId(), Storage.BlobSourceOption.generationMatch()));
    assertNull(storage.get("state", "locks/prod.json"));
  }

  @Test
  void aLargeObjectGoesUpInResumableChunks() throws Exception {
    storage.create(BucketInfo.of("big"));
    byte[] data = new byte[3 * 256 * 1024 + 17];
    new Random(7).nextBytes(data);
    try (WriteChannel writer = storage.writer(BlobInfo.newBuilder("big", "blob.bin").build())) {
      writer.setChunkSize(256 * 1024);
      writer.write(ByteBuffer.wrap(data));
    }
    assertArrayEquals(data, storage.readAllBytes("big", "blob.bin"));
    assertEquals(data.length, storage.get("big", "blob.bin").getSize());
  }

  @Test
  void listsObjectsByPrefixAndDelimiter() {
    storage.create(BucketInfo.of("tree"));
    for (String name : new String[] {"a/1", "a/2", "b/1", "top"}) {
      storage.create(BlobInfo.newBuilder("tree", name).build(), new byte[] {1});
    }
    var names = new java.util.ArrayList<String>();
    storage
        .list("tree", Storage.BlobListOption.prefix("a/"))
        .iterateAll()
        .forEach(b -> names.add(b.getName()));
    assertEquals(java.util.List.of("a/1", "a/2"), names);
    var top = new java.util.ArrayList<String>();
    storage
        .list("tree", Storage.BlobListOption.currentDirectory())
        .iterateAll()
        .forEach(b -> top.add(b.getName()));
    assertEquals(java.util.List.of("top", "a/", "b/"), top);
  }

  @Test
  void bucketIamIsReadModifyWriteWithEtags() {
    storage.create(BucketInfo.of("shared"));
    Policy read = storage.getIamPolicy("shared");
    Policy mine =
        read.toBuilder()
            .addIdentity(Role.of("roles/storage.objectViewer"), Identity.user("a@example.com"))
            .build();
    storage.setIamPolicy("shared", mine);
    StorageException stale =
        assertThrows(
            StorageException.class,
            () ->
                storage.setIamPolicy(
                    "shared",
                    read.toBuilder()
                        .addIdentity(Role.of("roles/storage.admin"), Identity.user("b@example.com"))
                        .build()));
    assertEquals(412, stale.getCode());
    assertTrue(
        storage
            .getIamPolicy("shared")
            .getBindings()
            .get(Role.of("roles/storage.objectViewer"))
            .contains(Identity.user("a@example.com")));
  }

  @Test
  void gzipBodiesAreReadAndUnknownFieldsRefused() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(
          "{\"name\":\"zipped-bucket\",\"labels\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8));
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.endpoint() + "/storage/v1/b?project=acme-test"))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, created.statusCode(), created.body());
    assertEquals(Map.of("k", "v"), storage.get("zipped-bucket").getLabels());

    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.endpoint() + "/storage/v1/b?project=acme-test"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"other\",\"lables\":{}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body().contains("lables"), unknown.body());
    assertNull(storage.get("other"));

    // A body of unknown length goes chunked (Transfer-Encoding: chunked).
    byte[] content = "chunked content".repeat(1000).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        fake.endpoint()
                            + "/upload/storage/v1/b/zipped-bucket/o?uploadType=media&name=c.txt"))
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(content)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, chunked.statusCode(), chunked.body());
    assertArrayEquals(content, storage.readAllBytes("zipped-bucket", "c.txt"));
    assertEquals("text/plain", storage.get("zipped-bucket", "c.txt").getContentType());
  }
}
