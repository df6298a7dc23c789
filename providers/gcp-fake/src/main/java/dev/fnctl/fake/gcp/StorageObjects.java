package dev.fnctl.fake.gcp;

import static dev.fnctl.fake.gcp.StorageJson.maxResults;
import static dev.fnctl.fake.gcp.StorageJson.now;
import static dev.fnctl.fake.gcp.StorageJson.ok;
import static dev.fnctl.fake.gcp.StorageJson.preconditionFailed;
import static dev.fnctl.fake.gcp.StorageJson.strict;

import com.google.api.services.storage.model.StorageObject;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Cloud Storage objects (the JSON API's objects resource and its upload paths): media, multipart
 * and resumable uploads, get (metadata or {@code alt=media}), list with prefix and delimiter,
 * patch, delete, each checking the generation preconditions ({@code ifGenerationMatch=0}: only if
 * absent) and answering 412 {@code conditionNotMet} when one does not hold.
 */
final class StorageObjects {
  private record Session(
      String bucket,
      JsonObject metadata,
      HttpCall initiation,
      java.io.ByteArrayOutputStream bytes) {}

  private final StorageData data;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  StorageObjects(StorageData data) {
    this.data = data;
  }

  HttpAnswer upload(String bucket, HttpCall call) throws IOException {
    data.bucket(bucket);
    String type = call.param("uploadType");
    if ("media".equals(type)) {
      JsonObject metadata = new JsonObject();
      if (call.param("name") != null) {
        metadata.addProperty("name", call.param("name"));
      }
      String contentType = call.header("Content-Type");
      if (contentType != null) {
        metadata.addProperty("contentType", contentType);
      }
      return ok(write(bucket, metadata, call.body(), call));
    }
    if ("multipart".equals(type)) {
      List<byte[]> parts = multipart(call);
      JsonObject metadata = strict(parts.get(0), StorageObject.class);
      if (call.param("name") != null && !metadata.has("name")) {
        metadata.addProperty("name", call.param("name"));
      }
      return ok(write(bucket, metadata, parts.get(1), call));
    }
    if ("resumable".equals(type)) {
      JsonObject metadata = strict(call.body(), StorageObject.class);
      if (call.param("name") != null && !metadata.has("name")) {
        metadata.addProperty("name", call.param("name"));
      }
      String id = UUID.randomUUID().toString().replace("-", "");
      sessions.put(id, new Session(bucket, metadata, call, new java.io.ByteArrayOutputStream()));
      String location =
          call.baseUrl()
              + "/upload/storage/v1/b/"
              + URLEncoder.encode(bucket, StandardCharsets.UTF_8)
              + "/o?uploadType=resumable&upload_id="
              + id;
      return new HttpAnswer(200, "text/plain", new byte[0], Map.of())
          .withHeader("Location", location);
    }
    throw GoogleError.storage(400, "invalidParameter", "Invalid upload type: " + type);
  }

  /** A chunk of a resumable upload: 308 with the range held until the last one, then the object. */
  HttpAnswer resumableChunk(HttpCall call) {
    String id = call.param("upload_id");
    Session session = id == null ? null : sessions.get(id);
    if (session == null) {
      throw GoogleError.storage(404, "notFound", "No such upload session.");
    }
    synchronized (session) {
      String range = call.header("Content-Range");
      session.bytes().writeBytes(call.body());
      boolean last = range == null || !range.endsWith("/*");
      if (!last) {
        int held = session.bytes().size();
        HttpAnswer more = new HttpAnswer(308, "text/plain", new byte[0], Map.of());
        return held == 0 ? more : more.withHeader("Range", "bytes=0-" + (held - 1));
      }
      sessions.remove(id);
      return ok(
          write(
              session.bucket(),
              session.metadata(),
              session.bytes().toByteArray(),
              session.initiation()));
    }
  }

  private static List<byte[]> multipart(HttpCall call) {
    String contentType = call.header("Content-Type");
    Matcher boundary =
        Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType == null ? "" : contentType);
    if (!boundary.find()) {
      throw GoogleError.storage(400, "invalid", "Multipart upload without a boundary.");
    }
    String body = new String(call.body(), StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary.group(1);
    List<byte[]> parts = new ArrayList<>();
    for (String part : body.split(Pattern.quote(delimiter))) {
      if (part.startsWith("--") || part.isBlank()) {
        continue;
      }
      int start = part.indexOf("\r\n\r\n");
      int skip = 4;
      if (start < 0) {
        start = part.indexOf("\n\n");
        skip = 2;
      }
      String content = part.substring(start + skip);
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      } else if (content.endsWith("\n")) {
        content = content.substring(0, content.length() - 1);
      }
      parts.add(content.getBytes(StandardCharsets.ISO_8859_1));
    }
    if (parts.size() != 2) {
      throw GoogleError.storage(
          400, "invalid", "A multipart upload has a metadata part and a media part.");
    }
    return parts;
  }

  private JsonObject write(String bucket, JsonObject metadata, byte[] bytes, HttpCall call) {
    if (!metadata.has("name") || metadata.get("name").getAsString().isEmpty()) {
      throw GoogleError.storage(400, "required", "Required");
    }
    String name = metadata.get("name").getAsString();
    synchronized (data) {
      var objects = data.objectsOf(bucket);
      StorageData.StoredObject current = objects.get(name);
      checkGeneration(current, call);
      long generation = data.nextGeneration();
      JsonObject stored = metadata.deepCopy();
      stored.addProperty("kind", "storage#object");
      stored.addProperty("id", bucket + "/" + name + "/" + generation);
      stored.addProperty(
          "selfLink",
          call.baseUrl()
              + "/storage/v1/b/"
              + bucket
              + "/o/"
              + URLEncoder.encode(name, StandardCharsets.UTF_8));
      stored.addProperty(
          "mediaLink",
          call.baseUrl()
              + "/download/storage/v1/b/"
              + bucket
              + "/o/"
              + URLEncoder.encode(name, StandardCharsets.UTF_8)
              + "?generation="
              + generation
              + "&alt=media");
      stored.addProperty("bucket", bucket);
      stored.addProperty("generation", Long.toString(generation));
      stored.addProperty("metageneration", "1");
      if (!stored.has("contentType")) {
        stored.addProperty("contentType", "application/octet-stream");
      }
      stored.addProperty("storageClass", "STANDARD");
      stored.addProperty("size", Long.toString(bytes.length));
      stored.addProperty("md5Hash", md5(bytes));
      stored.addProperty("crc32c", crc32c(bytes));
      stored.addProperty(
          "etag",
          Base64.getEncoder()
              .encodeToString(Long.toString(generation).getBytes(StandardCharsets.US_ASCII)));
      String now = now();
      stored.addProperty("timeCreated", now);
      stored.addProperty("updated", now);
      objects.put(name, new StorageData.StoredObject(stored, bytes));
      return stored;
    }
  }

  private static void checkGeneration(StorageData.StoredObject current, HttpCall call) {
    long generation = current == null ? 0 : current.generation();
    String match = call.param("ifGenerationMatch");
    String notMatch = call.param("ifGenerationNotMatch");
    try {
      if ((match != null && Long.parseLong(match) != generation)
          || (notMatch != null && Long.parseLong(notMatch) == generation)) {
        throw preconditionFailed();
      }
      String metaMatch = call.param("ifMetagenerationMatch");
      if (metaMatch != null
          && (current == null || Long.parseLong(metaMatch) != current.metageneration())) {
        throw preconditionFailed();
      }
    } catch (NumberFormatException e) {
      throw GoogleError.storage(400, "invalidParameter", "Invalid precondition value.");
    }
  }

  private static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    long value = crc.getValue();
    return Base64.getEncoder()
        .encodeToString(
            new byte[] {
              (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value
            });
  }

  private StorageData.StoredObject object(String bucket, String name, HttpCall call) {
    data.bucket(bucket);
    StorageData.StoredObject object = data.objectsOf(bucket).get(name);
    String generation = call.param("generation");
    if (object == null
        || (generation != null && !generation.equals(Long.toString(object.generation())))) {
      throw GoogleError.storage(404, "notFound", "No such object: " + bucket + "/" + name);
    }
    return object;
  }

  HttpAnswer getObject(String bucket, String name, HttpCall call) {
    StorageData.StoredObject object = object(bucket, name, call);
    String notMatch = call.param("ifGenerationNotMatch");
    if (notMatch != null && notMatch.equals(Long.toString(object.generation()))) {
      return new HttpAnswer(304, "application/json", new byte[0], Map.of());
    }
    checkGeneration(object, call);
    if ("media".equals(call.param("alt"))) {
      return new HttpAnswer(
              200, object.metadata().get("contentType").getAsString(), object.data(), Map.of())
          .withHeader("x-goog-generation", Long.toString(object.generation()));
    }
    return ok(object.metadata());
  }

  HttpAnswer deleteObject(String bucket, String name, HttpCall call) {
    synchronized (data) {
      StorageData.StoredObject object = object(bucket, name, call);
      checkGeneration(object, call);
      data.objectsOf(bucket).remove(name);
    }
    return new HttpAnswer(204, "application/json", new byte[0], Map.of());
  }

  HttpAnswer patchObject(String bucket, String name, HttpCall call) throws IOException {
    JsonObject patch = strict(call.body(), StorageObject.class);
    synchronized (data) {
      StorageData.StoredObject object = object(bucket, name, call);
      checkGeneration(object, call);
      JsonObject updated = object.metadata().deepCopy();
      for (String key :
          List.of(
              "metadata",
              "contentType",
              "cacheControl",
              "contentDisposition",
              "contentEncoding",
              "contentLanguage")) {
        if (patch.has(key)) {
          if (patch.get(key).isJsonNull()) {
            updated.remove(key);
          } else {
            updated.add(key, patch.get(key));
          }
        }
      }
      updated.addProperty("metageneration", Long.toString(object.metageneration() + 1));
      updated.addProperty("updated", now());
      data.objectsOf(bucket).put(name, new StorageData.StoredObject(updated, object.data()));
      return ok(updated);
    }
  }

  HttpAnswer listObjects(String bucket, HttpCall call) {
    data.bucket(bucket);
    String prefix = call.param("prefix") == null ? "" : call.param("prefix");
    String delimiter = call.param("delimiter");
    List<JsonObject> items = new ArrayList<>();
    java.util.TreeSet<String> prefixes = new java.util.TreeSet<>();
    for (var entry : data.objectsOf(bucket).entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(prefix)) {
        continue;
      }
      if (delimiter != null && !delimiter.isEmpty()) {
        int at = name.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          prefixes.add(name.substring(0, at + delimiter.length()));
          continue;
        }
      }
      items.add(entry.getValue().metadata());
    }
    var page =
        Standard.page(
            items,
            maxResults(call),
            call.param("pageToken") == null ? "" : call.param("pageToken"),
            1000);
    JsonObject list = new JsonObject();
    list.addProperty("kind", "storage#objects");
    if (!page.items().isEmpty()) {
      JsonArray array = new JsonArray();
      page.items().forEach(array::add);
      list.add("items", array);
    }
    if (!prefixes.isEmpty()) {
      JsonArray array = new JsonArray();
      prefixes.forEach(array::add);
      list.add("prefixes", array);
    }
    if (!page.nextPageToken().isEmpty()) {
      list.addProperty("nextPageToken", page.nextPageToken());
    }
    return ok(list);
  }
}
