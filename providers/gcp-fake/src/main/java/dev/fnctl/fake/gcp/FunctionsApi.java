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
    // cloudfunctions_v2.yaml: the Operations and IAMPolicy mixins of the service.
    mixinOperations(router, cloud, "/v2");
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
        getPolicy,
        HttpRule.newBuilder().setGet(functions + ":getIamPolicy").build(),
        call -> policy(cloud, call, Function.class));
    router.mixin(
        setPolicy,
        HttpRule.newBuilder().setPost(functions + ":setIamPolicy").setBody("*").build(),
        call -> setPolicy(cloud, call, Function.class));
  }

  /**
   * google.longrunning.Operations Get and List under a version prefix, as the service configs bind
   * them.
   */
  static void mixinOperations(Router router, Cloud cloud, String version) {
    var operations = OperationsProto.getDescriptor().findServiceByName("Operations");
    router.mixin(
        operations.findMethodByName("GetOperation"),
        HttpRule.newBuilder()
            .setGet(version + "/{name=projects/*/locations/*/operations/*}")
            .build(),
        call ->
            cloud.operations.get(call.request(GetOperationRequest.getDefaultInstance()).getName()));
    router.mixin(
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
            requireUploaded(deploying);
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
            requireUploaded(deploying);
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
