package dev.fnctl.fake.gcp;

import com.google.api.HttpRule;
import com.google.cloud.functions.v2.BuildConfig;
import com.google.cloud.functions.v2.CreateFunctionRequest;
import com.google.cloud.functions.v2.DeleteFunctionRequest;
import com.google.cloud.functions.v2.Environment;
import com.google.cloud.functions.v2.EventTrigger;
import com.google.cloud.functions.v2.Function;
import com.google.cloud.functions.v2.FunctionsProto;
import com.google.cloud.functions.v2.GenerateUploadUrlRequest;
import com.google.cloud.functions.v2.GenerateUploadUrlResponse;
import com.google.cloud.functions.v2.GetFunctionRequest;
import com.google.cloud.functions.v2.ListFunctionsRequest;
import com.google.cloud.functions.v2.ListFunctionsResponse;
import com.google.cloud.functions.v2.OperationMetadata;
import com.google.cloud.functions.v2.OperationType;
import com.google.cloud.functions.v2.ServiceConfig;
import com.google.cloud.functions.v2.Source;
import com.google.cloud.functions.v2.SourceProvenance;
import com.google.cloud.functions.v2.StorageSource;
import com.google.cloud.functions.v2.UpdateFunctionRequest;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.IamPolicyProto;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.ListOperationsRequest;
import com.google.longrunning.ListOperationsResponse;
import com.google.longrunning.OperationsProto;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloud Functions v2 (cloudfunctions.googleapis.com, FunctionService in
 * google/cloud/functions/v2/functions.proto), with what the real service fills in or rewrites: a
 * function is DEPLOYING until its operation finishes, then ACTIVE with its url, serviceConfig.uri,
 * service and revision; memory is rewritten to binary units ("256M" becomes "256Mi"); defaults (60
 * s timeout, 100 max instances, concurrency 1, ALLOW_ALL ingress, the project's default compute
 * service account) are filled; LOG_EXECUTION_ID=true is added to the environment. A deployment
 * whose source was never uploaded fails, and a failed creation leaves the function FAILED, as
 * Google leaves it. Each deployed function has its Cloud Run service.
 */
final class FunctionsApi {
  private static final Pattern FUNCTION_ID = Pattern.compile("[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(k|M|G|Mi|Gi)?");
  private static final String SERVICE = "google.cloud.functions.v2.FunctionService.";
  private static final String HOST = "cloudfunctions.googleapis.com";

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

  FunctionsApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(FunctionsProto.getDescriptor().findServiceByName("FunctionService"));
    router.handle(SERVICE + "GetFunction", this::get);
    router.handle(SERVICE + "ListFunctions", this::list);
    router.handle(SERVICE + "CreateFunction", this::create);
    router.handle(SERVICE + "UpdateFunction", this::update);
    router.handle(SERVICE + "DeleteFunction", this::delete);
    router.handle(SERVICE + "GenerateUploadUrl", this::generateUploadUrl);
    // cloudfunctions_v2.yaml: the Operations, Locations and IAMPolicy mixins of the service;
    // gcloud lists functions after listing the regions of v1's Locations mixin.
    mixinOperations(router, cloud, HOST, "/v2");
    mixinLocations(router, HOST, "/v2");
    mixinLocations(router, HOST, "/v1");
    MethodDescriptor getPolicy =
        IamPolicyProto.getDescriptor()
            .findServiceByName("IAMPolicy")
            .findMethodByName("GetIamPolicy");
    MethodDescriptor setPolicy =
        IamPolicyProto.getDescriptor()
            .findServiceByName("IAMPolicy")
            .findMethodByName("SetIamPolicy");
    String functions = "/v2/{resource=projects/*/locations/*/functions/*}";
    router.mixin(
        HOST,
        getPolicy,
        HttpRule.newBuilder().setGet(functions + ":getIamPolicy").build(),
        call -> policy(cloud, call, Function.class));
    router.mixin(
        HOST,
        setPolicy,
        HttpRule.newBuilder().setPost(functions + ":setIamPolicy").setBody("*").build(),
        call -> setPolicy(cloud, call, Function.class));
  }

  /**
   * google.longrunning.Operations Get and List under a version prefix, as the service configs bind
   * them.
   */
  static void mixinOperations(Router router, Cloud cloud, String api, String version) {
    var operations = OperationsProto.getDescriptor().findServiceByName("Operations");
    router.mixin(
        api,
        operations.findMethodByName("GetOperation"),
        HttpRule.newBuilder()
            .setGet(version + "/{name=projects/*/locations/*/operations/*}")
            .build(),
        call ->
            cloud.operations.get(call.request(GetOperationRequest.getDefaultInstance()).getName()));
    router.mixin(
        api,
        operations.findMethodByName("ListOperations"),
        HttpRule.newBuilder().setGet(version + "/{name=projects/*/locations/*}/operations").build(),
        call -> {
          var request = call.request(ListOperationsRequest.getDefaultInstance());
          var page =
              Standard.page(
                  cloud.operations.list(request.getName()),
                  request.getPageSize(),
                  request.getPageToken(),
                  100);
          return ListOperationsResponse.newBuilder()
              .addAllOperations(page.items())
              .setNextPageToken(page.nextPageToken())
              .build();
        });
  }

  /** Where Cloud Functions (2nd gen) runs, as its Locations mixin lists them. */
  static final java.util.List<String> REGIONS =
      java.util.List.of(
          "asia-east1",
          "asia-northeast1",
          "asia-south1",
          "asia-southeast1",
          "australia-southeast1",
          "europe-north1",
          "europe-west1",
          "europe-west2",
          "europe-west3",
          "europe-west4",
          "europe-west6",
          "northamerica-northeast1",
          "southamerica-east1",
          "us-central1",
          "us-east1",
          "us-east4",
          "us-west1",
          "us-west2");

  static void mixinLocations(Router router, String api, String version) {
    var locations =
        com.google.cloud.location.LocationsProto.getDescriptor().findServiceByName("Locations");
    router.mixin(
        api,
        locations.findMethodByName("ListLocations"),
        HttpRule.newBuilder().setGet(version + "/{name=projects/*}/locations").build(),
        call -> {
          var request =
              call.request(com.google.cloud.location.ListLocationsRequest.getDefaultInstance());
          var response = com.google.cloud.location.ListLocationsResponse.newBuilder();
          for (String region : REGIONS) {
            response.addLocations(
                com.google.cloud.location.Location.newBuilder()
                    .setName(request.getName() + "/locations/" + region)
                    .setLocationId(region)
                    .setDisplayName(region));
          }
          return response.build();
        });
  }

  /** GetIamPolicy of an existing resource of the given type. */
  static Message policy(Cloud cloud, RpcCall call, Class<? extends Message> type) {
    String resource = call.request(GetIamPolicyRequest.getDefaultInstance()).getResource();
    requireExists(cloud, resource, type);
    return cloud.policies.get(resource);
  }

  static Message setPolicy(Cloud cloud, RpcCall call, Class<? extends Message> type) {
    SetIamPolicyRequest request = call.request(SetIamPolicyRequest.getDefaultInstance());
    requireExists(cloud, request.getResource(), type);
    return cloud.policies.set(request.getResource(), request.getPolicy());
  }

  private static void requireExists(Cloud cloud, String resource, Class<? extends Message> type) {
    if (cloud.resources.get(resource, type) == null) {
      throw GoogleError.notFound("Resource '" + resource + "' was not found");
    }
  }

  private Function existing(String name) {
    Function function = cloud.resources.get(name, Function.class);
    if (function == null) {
      throw GoogleError.notFound("Resource '" + name + "' was not found");
    }
    return function;
  }

  private Message get(RpcCall call) {
    return existing(call.request(GetFunctionRequest.getDefaultInstance()).getName());
  }

  private Message list(RpcCall call) {
    ListFunctionsRequest request = call.request(ListFunctionsRequest.getDefaultInstance());
    List<Function> matching =
        cloud.resources.list(request.getParent(), "functions", Function.class).stream()
            .filter(f -> Standard.matches(f, request.getFilter()))
            .toList();
    var page = Standard.page(matching, request.getPageSize(), request.getPageToken(), 1000);
    return ListFunctionsResponse.newBuilder()
        .addAllFunctions(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Message generateUploadUrl(RpcCall call) {
    GenerateUploadUrlRequest request = call.request(GenerateUploadUrlRequest.getDefaultInstance());
    String project = cloud.projects.idOf(request.getParent());
    String region = request.getParent().split("/")[3];
    String bucket =
        "gcf-v2-uploads-"
            + cloud.projects.number(project)
            + "."
            + region
            + ".cloudfunctions.appspot.com";
    String object = UUID.randomUUID() + ".zip";
    return GenerateUploadUrlResponse.newBuilder()
        .setUploadUrl(
            call.baseUrl()
                + "/"
                + bucket
                + "/"
                + object
                + "?GoogleAccessId=fake&Expires=4102444800&Signature=fake")
        .setStorageSource(StorageSource.newBuilder().setBucket(bucket).setObject(object))
        .build();
  }

  private Message create(RpcCall call) {
    CreateFunctionRequest request = call.request(CreateFunctionRequest.getDefaultInstance());
    Standard.requireFields(request, "");
    String id = request.getFunctionId();
    if (!FUNCTION_ID.matcher(id).matches()) {
      throw GoogleError.invalidArgument(
          "Invalid function_id \""
              + id
              + "\": it must contain only lower case Latin letters, digits and hyphens, start with a"
              + " letter, end with a letter or a digit, and be at most 63 characters long.");
    }
    String name = request.getParent() + "/functions/" + id;
    synchronized (cloud) {
      return startCreate(call, request, id, name);
    }
  }

  private Message startCreate(RpcCall call, CreateFunctionRequest request, String id, String name) {
    if (cloud.resources.get(name) != null) {
      throw GoogleError.alreadyExists(
          "Function "
              + id
              + " in region "
              + request.getParent().split("/")[3]
              + " in project "
              + request.getParent().split("/")[1]
              + " already exists");
    }
    Function input = Standard.withoutOutputOnly(request.getFunction());
    validate(input);
    Function deploying =
        withDefaults(input.toBuilder().setName(name), name)
            .setState(Function.State.DEPLOYING)
            .setCreateTime(Standard.now())
            .setUpdateTime(Standard.now())
            .build();
    cloud.resources.put(name, deploying);
    return cloud.operations.start(
        request.getParent(),
        call.rpc(),
        metadata(name, "create", OperationType.CREATE_FUNCTION, deploying),
        new Operations.Work() {
          @Override
          public Message succeed() {
            requireDeployable(deploying);
            return deploy(deploying, 1);
          }

          @Override
          public void fail(String message) {
            cloud.resources.put(
                name,
                deploying.toBuilder()
                    .setState(Function.State.FAILED)
                    .addStateMessages(
                        com.google.cloud.functions.v2.StateMessage.newBuilder()
                            .setSeverity(com.google.cloud.functions.v2.StateMessage.Severity.ERROR)
                            .setType("DeploymentFailed")
                            .setMessage(message))
                    .build());
          }
        });
  }

  private Message update(RpcCall call) {
    UpdateFunctionRequest request = call.request(UpdateFunctionRequest.getDefaultInstance());
    Standard.requireFields(request, "");
    String name = request.getFunction().getName();
    Function current = existing(name);
    if (current.getState() == Function.State.DEPLOYING
        || current.getState() == Function.State.DELETING) {
      throw GoogleError.failedPrecondition(
          "An operation on function " + name + " is already in progress. Please try again later.");
    }
    Function updated = Standard.update(current, request.getFunction(), request.getUpdateMask());
    validate(updated);
    Function deploying =
        withDefaults(updated.toBuilder(), name)
            .setState(Function.State.DEPLOYING)
            .clearStateMessages()
            .setUpdateTime(Standard.now())
            .build();
    cloud.resources.put(name, deploying);
    int revision = revisionOf(current) + 1;
    return cloud.operations.start(
        Standard.location(name),
        call.rpc(),
        metadata(name, "update", OperationType.UPDATE_FUNCTION, deploying),
        new Operations.Work() {
          @Override
          public Message succeed() {
            requireDeployable(deploying);
            return deploy(deploying, revision);
          }

          @Override
          public void fail(String message) {
            cloud.resources.put(name, current);
          }
        });
  }

  private Message delete(RpcCall call) {
    String name = call.request(DeleteFunctionRequest.getDefaultInstance()).getName();
    Function current = existing(name);
    cloud.resources.put(name, current.toBuilder().setState(Function.State.DELETING).build());
    return cloud.operations.start(
        Standard.location(name),
        call.rpc(),
        metadata(name, "delete", OperationType.DELETE_FUNCTION, current),
        new Operations.Work() {
          @Override
          public Message succeed() {
            cloud.resources.remove(name);
            cloud.policies.remove(name);
            String service = current.getServiceConfig().getService();
            if (!service.isEmpty()) {
              cloud.resources.remove(service);
              cloud.policies.remove(service);
            }
            if (current.hasEventTrigger()) {
              cloud.resources.remove(current.getEventTrigger().getTrigger());
            }
            return Empty.getDefaultInstance();
          }

          @Override
          public void fail(String message) {
            cloud.resources.put(name, current);
          }
        });
  }

  private static OperationMetadata metadata(
      String name, String verb, OperationType type, Function request) {
    return OperationMetadata.newBuilder()
        .setCreateTime(Standard.now())
        .setTarget(name)
        .setVerb(verb)
        .setApiVersion("v2")
        .setOperationType(type)
        .setRequestResource(Any.pack(request))
        .build();
  }

  private static void validate(Function function) {
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
  private Function.Builder withDefaults(Function.Builder function, String name) {
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
  private void requireDeployable(Function function) {
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
      String agent =
          "serviceAccount:service-"
              + cloud.projects.number(project)
              + "@gs-project-accounts.iam.gserviceaccount.com";
      boolean canPublish =
          cloud.policies.get("projects/" + project).getBindingsList().stream()
              .anyMatch(
                  b ->
                      b.getRole().equals("roles/pubsub.publisher")
                          && b.getMembersList().contains(agent));
      if (!canPublish) {
        throw GoogleError.failedPrecondition(
            "The Cloud Storage service account for your bucket is unable to publish to Cloud Pub/Sub topics in the"
                + " specified project. To use GCS CloudEvent triggers, the GCS service account requires the Pub/Sub"
                + " Publisher (roles/pubsub.publisher) IAM role in the specified project.");
      }
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
    }
  }

  private static int revisionOf(Function function) {
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
  private Function deploy(Function deploying, int revision) {
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
