package dev.fnctl.fake.gcp;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.storage.model.Bucket;
import com.google.api.services.storage.model.Policy;
import com.google.api.services.storage.model.StorageObject;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.iam.v1.Binding;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The Cloud Storage JSON API (storage.googleapis.com/storage/v1). It has no http-annotated proto,
 * so its routes are the REST paths of its discovery document (rest/v1 of storage, as the
 * discovery-generated google-api-services-storage client is built from) and its shapes the model
 * classes generated from that document ({@link Bucket}, {@link StorageObject}, {@link Policy}): a
 * body with a name the model does not know is a 400, like the proto-described APIs. Buckets:
 * insert, get, list, patch (labels merge, a null label removes it), update, delete (409 when not
 * empty), IAM policy with etags. Objects: media, multipart and resumable uploads, get (metadata or
 * {@code alt=media}), list with prefix and delimiter, delete; generations, and the {@code
 * ifGenerationMatch} / {@code ifGenerationNotMatch} / {@code ifMetagenerationMatch} preconditions
 * answered 412 {@code conditionNotMet}. Also the signed-URL PUT of a function's source zip.
 */
final class StorageApi {
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
  private static final Pattern BUCKET = Pattern.compile("/storage/v1/b/([^/]+)");
  private static final Pattern BUCKET_IAM = Pattern.compile("/storage/v1/b/([^/]+)/iam");
  private static final Pattern OBJECTS = Pattern.compile("/storage/v1/b/([^/]+)/o");
  private static final Pattern OBJECT =
      Pattern.compile("/(?:storage|download/storage)/v1/b/([^/]+)/o/(.+)");
  private static final Pattern UPLOAD = Pattern.compile("/upload/storage/v1/b/([^/]+)/o");
  private static final Pattern SOURCE_UPLOAD =
      Pattern.compile("/(gcf-v2-uploads-[^/]+)/([^/]+\\.zip)");

  private final Cloud cloud;
  private final StorageData data;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  private record Session(
      String bucket,
      JsonObject metadata,
      HttpCall initiation,
      java.io.ByteArrayOutputStream bytes) {}

  StorageApi(Cloud cloud) {
    this.cloud = cloud;
    this.data = cloud.storage;
  }

  /** The answer to a Cloud Storage request, or null when the path is not one of Storage's. */
  HttpAnswer handle(HttpCall call) throws IOException {
    String path = call.rawPath();
    String verb = call.verb();
    Matcher m;
    if ((m = SOURCE_UPLOAD.matcher(path)).matches() && verb.equals("PUT")) {
      cloud.uploads.put(m.group(1) + "/" + m.group(2), call.body());
      return new HttpAnswer(200, "text/plain", new byte[0], Map.of());
    }
    if (path.equals("/storage/v1/b")) {
      return switch (verb) {
        case "POST" -> insertBucket(call);
        case "GET" -> listBuckets(call);
        default -> null;
      };
    }
    if ((m = BUCKET_IAM.matcher(path)).matches()) {
      String bucket = decode(m.group(1));
      return switch (verb) {
        case "GET" -> ok(policyJson(bucket));
        case "PUT" -> setPolicy(bucket, call);
        default -> null;
      };
    }
    if ((m = BUCKET.matcher(path)).matches()) {
      String bucket = decode(m.group(1));
      return switch (verb) {
        case "GET" -> ok(bucket(bucket));
        case "PATCH" -> patchBucket(bucket, call, true);
        case "PUT" -> patchBucket(bucket, call, false);
        case "DELETE" -> deleteBucket(bucket);
        default -> null;
      };
    }
    if ((m = UPLOAD.matcher(path)).matches()) {
      String bucket = decode(m.group(1));
      return switch (verb) {
        case "POST" -> upload(bucket, call);
        case "PUT" -> resumableChunk(call);
        default -> null;
      };
    }
    if ((m = OBJECTS.matcher(path)).matches() && verb.equals("GET")) {
      return listObjects(decode(m.group(1)), call);
    }
    if ((m = OBJECT.matcher(path)).matches()) {
      String bucket = decode(m.group(1));
      String object = decode(m.group(2));
      return switch (verb) {
        case "GET" -> getObject(bucket, object, call);
        case "DELETE" -> deleteObject(bucket, object, call);
        case "PATCH" -> patchObject(bucket, object, call);
        default -> null;
      };
    }
    return null;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static HttpAnswer ok(JsonObject json) {
    return HttpAnswer.json(200, json.toString());
  }

  /** Parses a body strictly against a discovery model class: an unknown name is a 400. */
  private static JsonObject strict(byte[] body, Class<? extends GenericJson> model)
      throws IOException {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return new JsonObject();
    }
    JsonElement json = ProtoJson.parseJson(text);
    if (!json.isJsonObject()) {
      throw GoogleError.storage(400, "parseError", "Parse Error");
    }
    GenericJson parsed;
    try {
      parsed = GsonFactory.getDefaultInstance().fromString(text, model);
    } catch (IllegalArgumentException e) {
      throw GoogleError.storage(400, "invalid", "Invalid JSON payload received. " + e.getMessage());
    }
    rejectUnknown(parsed, "");
    return json.getAsJsonObject();
  }

  private static void rejectUnknown(Object value, String at) {
    if (value instanceof GenericJson json) {
      for (String unknown : json.getUnknownKeys().keySet()) {
        throw GoogleError.storage(
            400,
            "invalid",
            "Invalid JSON payload received. Unknown name \""
                + unknown
                + "\""
                + (at.isEmpty() ? "" : " at '" + at + "'")
                + ": Cannot find field.");
      }
      for (Map.Entry<String, Object> field : json.entrySet()) {
        rejectUnknown(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey());
      }
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        rejectUnknown(item, at);
      }
    }
  }

  private JsonObject bucket(String name) {
    JsonObject bucket = data.buckets.get(name);
    if (bucket == null) {
      throw GoogleError.storage(404, "notFound", "The specified bucket does not exist.");
    }
    return bucket;
  }

  private HttpAnswer insertBucket(HttpCall call) throws IOException {
    String project = call.param("project");
    if (project == null || project.isEmpty()) {
      throw GoogleError.storage(400, "required", "Required parameter: project");
    }
    JsonObject bucket = strict(call.body(), Bucket.class);
    String name = bucket.has("name") ? bucket.get("name").getAsString() : "";
    if (!BUCKET_NAME.matcher(name).matches() || name.startsWith("goog")) {
      throw GoogleError.storage(400, "invalid", "Invalid bucket name: '" + name + "'");
    }
    String number = cloud.projects.number(cloud.projects.id(project));
    synchronized (data) {
      JsonObject existing = data.buckets.get(name);
      if (existing != null) {
        boolean mine = existing.get("projectNumber").getAsString().equals(number);
        throw GoogleError.storage(
            409,
            "conflict",
            mine
                ? "Your previous request to create the named bucket succeeded and you already own it."
                : "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.");
      }
      String now = Instant.now().toString();
      bucket.addProperty("kind", "storage#bucket");
      bucket.addProperty("id", name);
      bucket.addProperty("selfLink", call.baseUrl() + "/storage/v1/b/" + name);
      bucket.addProperty("projectNumber", number);
      bucket.addProperty("metageneration", "1");
      bucket.addProperty("etag", "CAE=");
      bucket.addProperty("timeCreated", now);
      bucket.addProperty("updated", now);
      if (!bucket.has("location")) {
        bucket.addProperty("location", "US");
      }
      bucket.addProperty("location", bucket.get("location").getAsString().toUpperCase());
      bucket.addProperty(
          "locationType",
          bucket.get("location").getAsString().contains("-") ? "region" : "multi-region");
      if (!bucket.has("storageClass")) {
        bucket.addProperty("storageClass", "STANDARD");
      }
      data.buckets.put(name, bucket);
    }
    return ok(bucket);
  }

  private HttpAnswer listBuckets(HttpCall call) {
    String project = call.param("project");
    if (project == null) {
      throw GoogleError.storage(400, "required", "Required parameter: project");
    }
    String number = cloud.projects.number(cloud.projects.id(project));
    String prefix = call.param("prefix") == null ? "" : call.param("prefix");
    List<JsonObject> mine =
        data.buckets.values().stream()
            .filter(b -> b.get("projectNumber").getAsString().equals(number))
            .filter(b -> b.get("name").getAsString().startsWith(prefix))
            .toList();
    var page =
        Standard.page(
            mine,
            maxResults(call),
            call.param("pageToken") == null ? "" : call.param("pageToken"),
            1000);
    JsonObject list = new JsonObject();
    list.addProperty("kind", "storage#buckets");
    JsonArray items = new JsonArray();
    page.items().forEach(items::add);
    if (!items.isEmpty()) {
      list.add("items", items);
    }
    if (!page.nextPageToken().isEmpty()) {
      list.addProperty("nextPageToken", page.nextPageToken());
    }
    return ok(list);
  }

  private static int maxResults(HttpCall call) {
    try {
      return call.param("maxResults") == null ? 0 : Integer.parseInt(call.param("maxResults"));
    } catch (NumberFormatException e) {
      throw GoogleError.storage(
          400, "invalidParameter", "Invalid value for maxResults: " + call.param("maxResults"));
    }
  }

  private HttpAnswer patchBucket(String name, HttpCall call, boolean merge) throws IOException {
    JsonObject patch = strict(call.body(), Bucket.class);
    synchronized (data) {
      JsonObject current = bucket(name);
      checkMetageneration(current, call);
      JsonObject updated = current.deepCopy();
      if (!merge) {
        for (String key :
            List.of(
                "labels",
                "versioning",
                "lifecycle",
                "cors",
                "website",
                "logging",
                "retentionPolicy",
                "iamConfiguration",
                "defaultEventBasedHold")) {
          updated.remove(key);
        }
      }
      for (Map.Entry<String, JsonElement> field : patch.entrySet()) {
        String key = field.getKey();
        if (List.of(
                "name",
                "id",
                "kind",
                "projectNumber",
                "selfLink",
                "timeCreated",
                "metageneration",
                "etag")
            .contains(key)) {
          continue;
        }
        if (key.equals("labels") && field.getValue().isJsonObject() && merge) {
          JsonObject labels =
              updated.has("labels") ? updated.getAsJsonObject("labels") : new JsonObject();
          for (Map.Entry<String, JsonElement> label :
              field.getValue().getAsJsonObject().entrySet()) {
            if (label.getValue().isJsonNull()) {
              labels.remove(label.getKey());
            } else {
              labels.add(label.getKey(), label.getValue());
            }
          }
          updated.add("labels", labels);
        } else if (field.getValue().isJsonNull()) {
          updated.remove(key);
        } else {
          updated.add(key, field.getValue());
        }
      }
      long metageneration = current.get("metageneration").getAsLong() + 1;
      updated.addProperty("metageneration", Long.toString(metageneration));
      updated.addProperty(
          "etag", Base64.getEncoder().encodeToString(new byte[] {8, (byte) metageneration}));
      updated.addProperty("updated", Instant.now().toString());
      data.buckets.put(name, updated);
      return ok(updated);
    }
  }

  private static void checkMetageneration(JsonObject current, HttpCall call) {
    String match = call.param("ifMetagenerationMatch");
    String notMatch = call.param("ifMetagenerationNotMatch");
    long metageneration = current.get("metageneration").getAsLong();
    if ((match != null && Long.parseLong(match) != metageneration)
        || (notMatch != null && Long.parseLong(notMatch) == metageneration)) {
      throw preconditionFailed();
    }
  }

  private static GoogleError preconditionFailed() {
    return GoogleError.storage(
        412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
  }

  private HttpAnswer deleteBucket(String name) {
    synchronized (data) {
      bucket(name);
      if (!data.objectsOf(name).isEmpty()) {
        throw GoogleError.storage(409, "conflict", "The bucket you tried to delete is not empty.");
      }
      data.buckets.remove(name);
      data.objects.remove(name);
      cloud.policies.remove("projects/_/buckets/" + name);
    }
    return new HttpAnswer(204, "application/json", new byte[0], Map.of());
  }

  private JsonObject policyJson(String bucket) {
    bucket(bucket);
    com.google.iam.v1.Policy policy = cloud.policies.get("projects/_/buckets/" + bucket);
    JsonObject json = new JsonObject();
    json.addProperty("kind", "storage#policy");
    json.addProperty("resourceId", "projects/_/buckets/" + bucket);
    json.addProperty("version", Math.max(1, policy.getVersion()));
    json.addProperty("etag", Base64.getEncoder().encodeToString(policy.getEtag().toByteArray()));
    JsonArray bindings = new JsonArray();
    for (Binding binding : policy.getBindingsList()) {
      JsonObject b = new JsonObject();
      b.addProperty("role", binding.getRole());
      JsonArray members = new JsonArray();
      binding.getMembersList().forEach(members::add);
      b.add("members", members);
      bindings.add(b);
    }
    json.add("bindings", bindings);
    return json;
  }

  private HttpAnswer setPolicy(String bucket, HttpCall call) throws IOException {
    bucket(bucket);
    JsonObject json = strict(call.body(), Policy.class);
    com.google.iam.v1.Policy.Builder policy = com.google.iam.v1.Policy.newBuilder();
    if (json.has("etag")) {
      policy.setEtag(
          ByteString.copyFrom(Base64.getDecoder().decode(json.get("etag").getAsString())));
    }
    if (json.has("bindings")) {
      for (JsonElement element : json.getAsJsonArray("bindings")) {
        JsonObject b = element.getAsJsonObject();
        Binding.Builder binding = Binding.newBuilder().setRole(b.get("role").getAsString());
        if (b.has("members")) {
          b.getAsJsonArray("members").forEach(member -> binding.addMembers(member.getAsString()));
        }
        policy.addBindings(binding);
      }
    }
    try {
      cloud.policies.set("projects/_/buckets/" + bucket, policy.build());
    } catch (GoogleError e) {
      if (e.httpStatus == 409) {
        throw preconditionFailed();
      }
      throw GoogleError.storage(e.httpStatus, "invalid", e.getMessage());
    }
    return ok(policyJson(bucket));
  }

  private HttpAnswer upload(String bucket, HttpCall call) throws IOException {
    bucket(bucket);
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
  private HttpAnswer resumableChunk(HttpCall call) {
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
      String now = Instant.now().toString();
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
    bucket(bucket);
    StorageData.StoredObject object = data.objectsOf(bucket).get(name);
    String generation = call.param("generation");
    if (object == null
        || (generation != null && !generation.equals(Long.toString(object.generation())))) {
      throw GoogleError.storage(404, "notFound", "No such object: " + bucket + "/" + name);
    }
    return object;
  }

  private HttpAnswer getObject(String bucket, String name, HttpCall call) {
    StorageData.StoredObject object = object(bucket, name, call);
    checkGeneration(object, call);
    if ("media".equals(call.param("alt"))) {
      return new HttpAnswer(
              200, object.metadata().get("contentType").getAsString(), object.data(), Map.of())
          .withHeader("x-goog-generation", Long.toString(object.generation()));
    }
    return ok(object.metadata());
  }

  private HttpAnswer deleteObject(String bucket, String name, HttpCall call) {
    synchronized (data) {
      StorageData.StoredObject object = object(bucket, name, call);
      checkGeneration(object, call);
      data.objectsOf(bucket).remove(name);
    }
    return new HttpAnswer(204, "application/json", new byte[0], Map.of());
  }

  private HttpAnswer patchObject(String bucket, String name, HttpCall call) throws IOException {
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
      updated.addProperty("updated", Instant.now().toString());
      data.objectsOf(bucket).put(name, new StorageData.StoredObject(updated, object.data()));
      return ok(updated);
    }
  }

  private HttpAnswer listObjects(String bucket, HttpCall call) {
    bucket(bucket);
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

  /** The stored JSON of a bucket, or null. */
  JsonObject bucketJson(String name) {
    return data.buckets.get(name);
  }
}
