package dev.fnctl.fake.gcp;

import com.google.cloud.functions.v2.BuildConfig;
import com.google.cloud.functions.v2.Environment;
import com.google.cloud.functions.v2.EventTrigger;
import com.google.cloud.functions.v2.Function;
import com.google.cloud.functions.v2.ServiceConfig;
import com.google.cloud.functions.v2.Source;
import com.google.cloud.functions.v2.SourceProvenance;
import com.google.cloud.functions.v2.StorageSource;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Cloud Functions does with a function it is given: the checks it makes on input, the defaults
 * it fills in and the values it rewrites ("256M" is answered "256Mi"), what a deployment needs when
 * it runs (the uploaded source, the referenced secrets, a Cloud Storage trigger's bucket and its
 * agent's right to publish) and what a finished deployment makes (the function ACTIVE with its urls
 * and revision, its Cloud Run service, its Eventarc trigger).
 */
final class FunctionDeployment {
  private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(k|M|G|Mi|Gi)?");

  /** Environment variables Cloud Run sets itself, which a function may not set. */
  private static final java.util.Set<String> RESERVED_ENV =
      java.util.Set.of(
          "PORT",
          "K_SERVICE",
          "K_REVISION",
          "K_CONFIGURATION",
          "FUNCTION_TARGET",
          "FUNCTION_SIGNATURE_TYPE",
          "ENTRY_POINT",
          "GOOGLE_FUNCTION_TARGET");

  private final Cloud cloud;

  FunctionDeployment(Cloud cloud) {
    this.cloud = cloud;
  }

  static void validate(Function function) {
    if (!function.getBuildConfig().getRuntime().isEmpty()
        && !function.getBuildConfig().getRuntime().matches("[a-z]+[0-9]+")) {
      throw GoogleError.invalidArgument(
          "Invalid runtime \"" + function.getBuildConfig().getRuntime() + "\".");
    }
    String memory = function.getServiceConfig().getAvailableMemory();
    if (!memory.isEmpty() && !MEMORY.matcher(memory).matches()) {
      throw GoogleError.invalidArgument(
          "Invalid value for service_config.available_memory: \""
              + memory
              + "\". Supported units are k, M, G, Mi, Gi.");
    }
    Standard.checkLabels(function.getLabelsMap());
    for (String key : function.getServiceConfig().getEnvironmentVariablesMap().keySet()) {
      if (RESERVED_ENV.contains(key)
          || key.startsWith("X_GOOGLE_")
          || !key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw GoogleError.invalidArgument(
            "Invalid environment variable name \""
                + key
                + "\": it is reserved or not a valid name.");
      }
    }
    ServiceConfig service = function.getServiceConfig();
    if (service.getMaxInstanceCount() > 0
        && service.getMinInstanceCount() > service.getMaxInstanceCount()) {
      throw GoogleError.invalidArgument(
          "service_config.min_instance_count ("
              + service.getMinInstanceCount()
              + ") must not be greater than service_config.max_instance_count ("
              + service.getMaxInstanceCount()
              + ").");
    }
    if (service.getMaxInstanceRequestConcurrency() > 1000) {
      throw GoogleError.invalidArgument(
          "service_config.max_instance_request_concurrency must be at most 1000.");
    }
    int timeout = function.getServiceConfig().getTimeoutSeconds();
    int limit = function.hasEventTrigger() ? 540 : 3600;
    if (timeout > limit) {
      throw GoogleError.invalidArgument(
          "service_config.timeout_seconds must be at most "
              + limit
              + " for "
              + (function.hasEventTrigger() ? "event-driven" : "HTTP")
              + " functions.");
    }
  }

  /** The defaults and reformatting the service applies to what the caller sent. */
  Function.Builder withDefaults(Function.Builder function, String name) {
    String project = cloud.projects.idOf(name);
    String number = cloud.projects.number(project);
    function.setEnvironment(Environment.GEN_2);
    ServiceConfig.Builder service = function.getServiceConfigBuilder();
    String memory = service.getAvailableMemory().isEmpty() ? "256M" : service.getAvailableMemory();
    service.setAvailableMemory(binaryUnits(memory));
    if (service.getAvailableCpu().isEmpty()) {
      service.setAvailableCpu(cpuFor(service.getAvailableMemory()));
    }
    if (service.getTimeoutSeconds() == 0) {
      service.setTimeoutSeconds(60);
    }
    if (service.getMaxInstanceCount() == 0) {
      service.setMaxInstanceCount(100);
    }
    if (service.getMaxInstanceRequestConcurrency() == 0) {
      service.setMaxInstanceRequestConcurrency(1);
    }
    if (service.getIngressSettingsValue() == 0) {
      service.setIngressSettings(ServiceConfig.IngressSettings.ALLOW_ALL);
    }
    if (service.getServiceAccountEmail().isEmpty()) {
      service.setServiceAccountEmail(number + "-compute@developer.gserviceaccount.com");
    }
    service.setAllTrafficOnLatestRevision(true);
    service.putEnvironmentVariables("LOG_EXECUTION_ID", "true");
    BuildConfig.Builder build = function.getBuildConfigBuilder();
    build.setDockerRepository(Standard.location(name) + "/repositories/gcf-artifacts");
    if (build.getSource().hasStorageSource()) {
      StorageSource source = build.getSource().getStorageSource();
      build.setSourceProvenance(
          SourceProvenance.newBuilder()
              .setResolvedStorageSource(source.toBuilder().setGeneration(1)));
    }
    if (function.hasEventTrigger()) {
      EventTrigger.Builder trigger = function.getEventTriggerBuilder();
      String region = name.split("/")[3];
      if (trigger.getTrigger().isEmpty()) {
        trigger.setTrigger(
            Standard.location(name)
                + "/triggers/"
                + Standard.id(name)
                + "-"
                + Integer.toHexString(name.hashCode() & 0xffffff));
      }
      if (trigger.getTriggerRegion().isEmpty()) {
        trigger.setTriggerRegion(region);
      }
      if (trigger.getRetryPolicyValue() == 0) {
        trigger.setRetryPolicy(EventTrigger.RetryPolicy.RETRY_POLICY_DO_NOT_RETRY);
      }
      if (trigger.getServiceAccountEmail().isEmpty()) {
        trigger.setServiceAccountEmail(service.getServiceAccountEmail());
      }
    }
    return function;
  }

  /** "256M" is 256 MiB to Cloud Functions, which answers it as "256Mi" (and "1G" as "1Gi"). */
  static String binaryUnits(String memory) {
    Matcher m = MEMORY.matcher(memory);
    if (!m.matches()) {
      return memory;
    }
    String unit = m.group(2) == null ? "" : m.group(2);
    return switch (unit) {
      case "M" -> m.group(1) + "Mi";
      case "G" -> m.group(1) + "Gi";
      default -> memory;
    };
  }

  /** The CPU Google pairs with a memory size when none is asked for. */
  private static String cpuFor(String memory) {
    Matcher m = MEMORY.matcher(memory);
    double mib = 256;
    if (m.matches()) {
      double value = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "" : m.group(2);
      mib =
          switch (unit) {
            case "Gi", "G" -> value * 1024;
            case "k" -> value / 1024;
            case "" -> value / (1024 * 1024);
            default -> value;
          };
    }
    if (mib <= 128) {
      return "0.0833";
    } else if (mib <= 256) {
      return "0.1666";
    } else if (mib <= 512) {
      return "0.3333";
    } else if (mib <= 1024) {
      return "0.5833";
    } else if (mib <= 2048) {
      return "1";
    } else if (mib <= 8192) {
      return "2";
    }
    return "4";
  }

  /**
   * What a deployment needs that only shows when it runs: the uploaded source, the secrets it
   * references, and, for Cloud Storage events, the bucket and its service agent's right to publish
   * to Pub/Sub in the project (Google fails the deployment without it).
   */
  void requireDeployable(Function function) {
    requireUploaded(function);
    for (var secret : function.getServiceConfig().getSecretEnvironmentVariablesList()) {
      String project =
          secret.getProjectId().isEmpty()
              ? function.getName().split("/")[1]
              : cloud.projects.id(secret.getProjectId());
      String name = "projects/" + project + "/secrets/" + secret.getSecret();
      if (cloud.resources.get(name) == null) {
        throw GoogleError.invalidArgument(
            "Secret "
                + name
                + "/versions/"
                + secret.getVersion()
                + " was not found or the function's service account cannot access it.");
      }
    }
    if (function.hasEventTrigger()
        && function.getEventTrigger().getEventType().startsWith("google.cloud.storage.object.")) {
      String project = function.getName().split("/")[1];
      String bucket =
          function.getEventTrigger().getEventFiltersList().stream()
              .filter(f -> f.getAttribute().equals("bucket"))
              .map(com.google.cloud.functions.v2.EventFilter::getValue)
              .findFirst()
              .orElse("");
      if (!cloud.storage.buckets.containsKey(bucket)) {
        throw GoogleError.invalidArgument(
            "Bucket '" + bucket + "' of the Cloud Storage trigger does not exist.");
      }
      cloud.requireStorageAgentMayPublish(project);
    }
  }

  private void requireUploaded(Function function) {
    Source source = function.getBuildConfig().getSource();
    if (source.hasStorageSource()) {
      StorageSource storage = source.getStorageSource();
      String key = storage.getBucket() + "/" + storage.getObject();
      if (!cloud.uploads.containsKey(key)
          && !cloud.storage.exists(storage.getBucket(), storage.getObject())) {
        throw GoogleError.invalidArgument(
            "Build failed: the source object gs://"
                + key
                + " does not exist; upload it to the URL generateUploadUrl returned before deploying.");
      }
      byte[] zip = cloud.uploads.get(key);
      if (zip != null
          && !(zip.length >= 4 && zip[0] == 'P' && zip[1] == 'K' && (zip[2] == 3 || zip[2] == 5))) {
        throw GoogleError.invalidArgument(
            "Build failed: the source gs://" + key + " is not a zip archive.");
      }
    }
  }

  static int revisionOf(Function function) {
    String revision = function.getServiceConfig().getRevision();
    if (revision.isEmpty()) {
      return 0;
    }
    String[] parts = revision.split("-");
    try {
      return Integer.parseInt(parts[parts.length - 2]);
    } catch (RuntimeException e) {
      return 1;
    }
  }

  /** What a finished deployment makes: the function ACTIVE, its Cloud Run service, its trigger. */
  Function deploy(Function deploying, int revision) {
    String name = deploying.getName();
    String id = Standard.id(name);
    String[] parts = name.split("/");
    String project = parts[1];
    String region = parts[3];
    String service = Standard.location(name) + "/services/" + id;
    String hash = Integer.toHexString((project + region).hashCode() & 0x7fffffff);
    String uri = "https://" + id + "-" + hash + "-" + regionCode(region) + ".a.run.app";
    Function.Builder active =
        deploying.toBuilder().setState(Function.State.ACTIVE).setUpdateTime(Standard.now());
    active.setUrl("https://" + region + "-" + project + ".cloudfunctions.net/" + id);
    active
        .getServiceConfigBuilder()
        .setService(service)
        .setUri(uri)
        .setRevision(
            id
                + "-"
                + String.format("%05d", revision)
                + "-"
                + Integer.toHexString(revision * 2654435 & 0xfff));
    active
        .getBuildConfigBuilder()
        .setBuild(
            "projects/"
                + cloud.projects.number(project)
                + "/locations/"
                + region
                + "/builds/"
                + UUID.randomUUID());
    Function function = active.build();
    cloud.resources.put(name, function);
    RunApi.serviceDeployed(cloud, function);
    if (function.hasEventTrigger()) {
      EventarcApi.functionTrigger(cloud, function);
    }
    return function;
  }

  private static String regionCode(String region) {
    StringBuilder code = new StringBuilder();
    for (String part : region.replaceAll("[0-9]", "").split("-")) {
      if (!part.isEmpty()) {
        code.append(part.charAt(0));
      }
    }
    return code.toString();
  }
}
