package dev.fnctl.fake.gcp;

import static dev.fnctl.fake.gcp.StorageJson.decode;
import static dev.fnctl.fake.gcp.StorageJson.maxResults;
import static dev.fnctl.fake.gcp.StorageJson.now;
import static dev.fnctl.fake.gcp.StorageJson.ok;
import static dev.fnctl.fake.gcp.StorageJson.preconditionFailed;
import static dev.fnctl.fake.gcp.StorageJson.strict;

import com.google.api.services.storage.model.Bucket;
import com.google.api.services.storage.model.Policy;
import com.google.api.services.storage.model.StorageObject;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.iam.v1.Binding;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * answered 412 {@code conditionNotMet}. Also the project's Cloud Storage service agent
 * (projects.serviceAccount.get), and the signed-URL PUT of a function's source zip.
 */
final class StorageApi {
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
  private static final Pattern SERVICE_AGENT =
      Pattern.compile("/storage/v1/projects/([^/]+)/serviceAccount");
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
  private final StorageObjects objects;

  StorageApi(Cloud cloud) {
    this.cloud = cloud;
    this.data = cloud.storage;
    this.objects = new StorageObjects(cloud.storage);
  }

  /** Whether a path is one of Cloud Storage's (its JSON API, uploads, downloads, signed URLs). */
  static boolean serves(String rawPath) {
    return rawPath.startsWith("/storage/v1/")
        || rawPath.startsWith("/upload/storage/v1/")
        || rawPath.startsWith("/download/storage/v1/")
        || SOURCE_UPLOAD.matcher(rawPath).matches();
  }

  /** The answer to a Cloud Storage request, or null when the path is not one of Storage's. */
  HttpAnswer handle(HttpCall call) throws IOException {
    String path = call.rawPath();
    String verb = call.verb();
    Matcher m;
    if ((m = SOURCE_UPLOAD.matcher(path)).matches() && verb.equals("PUT")) {
      return sourceUpload(m.group(1) + "/" + m.group(2), call);
    }
    if ((m = SERVICE_AGENT.matcher(path)).matches() && verb.equals("GET")) {
      String number = cloud.projects.number(cloud.projects.id(decode(m.group(1))));
      JsonObject agent = new JsonObject();
      agent.addProperty(
          "email_address", "service-" + number + "@gs-project-accounts.iam.gserviceaccount.com");
      agent.addProperty("kind", "storage#serviceAccount");
      return ok(agent);
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
        case "GET" -> ok(data.bucket(bucket));
        case "PATCH" -> patchBucket(bucket, call, true);
        case "PUT" -> patchBucket(bucket, call, false);
        case "DELETE" -> deleteBucket(bucket);
        default -> null;
      };
    }
    if ((m = UPLOAD.matcher(path)).matches()) {
      String bucket = decode(m.group(1));
      return switch (verb) {
        case "POST" -> objects.upload(bucket, call);
        case "PUT" -> objects.resumableChunk(call);
        default -> null;
      };
    }
    if ((m = OBJECTS.matcher(path)).matches() && verb.equals("GET")) {
      return objects.listObjects(decode(m.group(1)), call);
    }
    if ((m = OBJECT.matcher(path)).matches()) {
      String bucket = decode(m.group(1));
      String object = decode(m.group(2));
      return switch (verb) {
        case "GET" -> objects.getObject(bucket, object, call);
        case "DELETE" -> objects.deleteObject(bucket, object, call);
        case "PATCH" -> objects.patchObject(bucket, object, call);
        default -> null;
      };
    }
    return null;
  }

  /**
   * The PUT of a function's zip to the signed URL generateUploadUrl returned. Its reference says:
   * send {@code content-type: application/zip} (the signature covers it) and no Authorization
   * header (the caller's identity cannot write there); the XML API answers 403 otherwise.
   */
  private HttpAnswer sourceUpload(String key, HttpCall call) {
    String contentType = call.header("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/zip")) {
      return xmlError(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided: the upload URL is"
              + " signed for content-type: application/zip, the request sent "
              + contentType
              + ".");
    }
    if (call.header("Authorization") != null) {
      return xmlError(
          403,
          "AccessDenied",
          "Access denied: a signed upload URL takes no Authorization header; the caller's identity may not write"
              + " to the upload bucket.");
    }
    cloud.uploads.put(key, call.body());
    return new HttpAnswer(200, "text/plain", new byte[0], Map.of());
  }

  private static HttpAnswer xmlError(int status, String code, String message) {
    String xml =
        "<?xml version='1.0' encoding='UTF-8'?><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>";
    return new HttpAnswer(
        status, "application/xml; charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8), Map.of());
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
    checkLabels(bucket);
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
      String now = now();
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

  private HttpAnswer patchBucket(String name, HttpCall call, boolean merge) throws IOException {
    JsonObject patch = strict(call.body(), Bucket.class);
    synchronized (data) {
      JsonObject current = data.bucket(name);
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
      checkLabels(updated);
      long metageneration = current.get("metageneration").getAsLong() + 1;
      updated.addProperty("metageneration", Long.toString(metageneration));
      updated.addProperty(
          "etag", Base64.getEncoder().encodeToString(new byte[] {8, (byte) metageneration}));
      updated.addProperty("updated", now());
      data.buckets.put(name, updated);
      return ok(updated);
    }
  }

  private static void checkLabels(JsonObject bucket) {
    if (!bucket.has("labels") || !bucket.get("labels").isJsonObject()) {
      return;
    }
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    bucket
        .getAsJsonObject("labels")
        .entrySet()
        .forEach(
            e ->
                labels.put(
                    e.getKey(), e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
    try {
      Standard.checkLabels(labels);
    } catch (GoogleError e) {
      throw GoogleError.storage(400, "invalid", e.getMessage());
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

  private HttpAnswer deleteBucket(String name) {
    synchronized (data) {
      data.bucket(name);
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
    data.bucket(bucket);
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
    data.bucket(bucket);
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

  /** The stored JSON of a bucket, or null. */
  JsonObject bucketJson(String name) {
    return data.buckets.get(name);
  }
}
