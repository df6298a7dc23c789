package dev.fnctl.fake.gcp;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failures a test arms, answered before the request reaches its API and with the error Google
 * answers: throttling and outages (429, 503), a disabled API (403 PERMISSION_DENIED with an
 * ErrorInfo of reason SERVICE_DISABLED naming the service and the consumer project) and a missing
 * permission (403 with reason IAM_PERMISSION_DENIED naming the permission).
 */
final class Faults {
  private record Next(String substring, int status, AtomicInteger remaining) {}

  private record Denial(String substring, String permission) {}

  private static final Pattern PROJECT = Pattern.compile("/projects/([^/:]+)");
  private static final Map<String, String> TITLES =
      Map.of(
          "cloudfunctions.googleapis.com", "Cloud Functions API",
          "run.googleapis.com", "Cloud Run Admin API",
          "cloudscheduler.googleapis.com", "Cloud Scheduler API",
          "eventarc.googleapis.com", "Eventarc API",
          "iam.googleapis.com", "Identity and Access Management (IAM) API",
          "cloudresourcemanager.googleapis.com", "Cloud Resource Manager API",
          "pubsub.googleapis.com", "Cloud Pub/Sub API",
          "storage.googleapis.com", "Cloud Storage JSON API",
          "billingbudgets.googleapis.com", "Cloud Billing Budget API",
          "secretmanager.googleapis.com", "Secret Manager API");

  private final List<Next> next = new CopyOnWriteArrayList<>();
  private final List<Denial> denials = new CopyOnWriteArrayList<>();
  private final Set<String> disabled = ConcurrentHashMap.newKeySet();
  private final Projects projects;

  Faults(Projects projects) {
    this.projects = projects;
  }

  void failNext(String substring, int status, int times) {
    next.add(new Next(substring, status, new AtomicInteger(times)));
  }

  void disable(String api) {
    disabled.add(api);
  }

  void enable(String api) {
    disabled.remove(api);
  }

  void deny(String substring, String permission) {
    denials.add(new Denial(substring, permission));
  }

  void clear() {
    next.clear();
    denials.clear();
    disabled.clear();
  }

  /** The error armed for a request ({@code VERB /path rpc} line, its API's host), or null. */
  GoogleError check(String line, String api) {
    if (api != null && disabled.contains(api)) {
      return serviceDisabled(line, api);
    }
    for (Denial denial : denials) {
      if (line.contains(denial.substring())) {
        return permissionDenied(line, denial.permission());
      }
    }
    for (Next fault : next) {
      if (line.contains(fault.substring()) && fault.remaining().getAndDecrement() > 0) {
        return GoogleError.ofHttpStatus(
            fault.status(),
            fault.status() == 429
                ? "Quota exceeded for quota metric 'Requests' (injected by the fake)."
                : "The service is currently unavailable (injected by the fake).");
      }
    }
    return null;
  }

  private GoogleError serviceDisabled(String line, String api) {
    Matcher project = PROJECT.matcher(line);
    String number = project.find() ? projects.number(projects.id(project.group(1))) : "0";
    String title = TITLES.getOrDefault(api, api);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("service", api);
    metadata.addProperty("consumer", "projects/" + number);
    metadata.addProperty("serviceTitle", title);
    metadata.addProperty(
        "activationUrl",
        "https://console.developers.google.com/apis/api/" + api + "/overview?project=" + number);
    return new GoogleError(
        403,
        "PERMISSION_DENIED",
        title
            + " has not been used in project "
            + number
            + " before or it is disabled. Enable it by visiting "
            + "https://console.developers.google.com/apis/api/"
            + api
            + "/overview?project="
            + number
            + " then retry. If you enabled this API recently, wait a few minutes for the action to"
            + " propagate to our systems and retry.",
        errorInfo("SERVICE_DISABLED", "googleapis.com", metadata));
  }

  private static GoogleError permissionDenied(String line, String permission) {
    // the resource, as Google names it: no version prefix, no custom verb (":setIamPolicy")
    String resource =
        line.split(" ")[1].replaceFirst("^/v[0-9]+/", "").replaceFirst(":[A-Za-z]+$", "");
    JsonObject metadata = new JsonObject();
    metadata.addProperty("permission", permission);
    metadata.addProperty("resource", resource);
    return new GoogleError(
        403,
        "PERMISSION_DENIED",
        "Permission '"
            + permission
            + "' denied on resource '"
            + resource
            + "' (or it may not exist).",
        errorInfo("IAM_PERMISSION_DENIED", "iam.googleapis.com", metadata));
  }

  private static JsonArray errorInfo(String reason, String domain, JsonObject metadata) {
    JsonObject info = new JsonObject();
    info.addProperty("@type", "type.googleapis.com/google.rpc.ErrorInfo");
    info.addProperty("reason", reason);
    info.addProperty("domain", domain);
    info.add("metadata", metadata);
    JsonArray details = new JsonArray();
    details.add(info);
    return details;
  }
}
