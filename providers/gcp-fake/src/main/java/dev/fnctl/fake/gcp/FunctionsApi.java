package dev.fnctl.fake.gcp;

import com.google.api.HttpRule;
import com.google.cloud.functions.v2.CreateFunctionRequest;
import com.google.cloud.functions.v2.DeleteFunctionRequest;
import com.google.cloud.functions.v2.Function;
import com.google.cloud.functions.v2.FunctionsProto;
import com.google.cloud.functions.v2.GenerateUploadUrlRequest;
import com.google.cloud.functions.v2.GenerateUploadUrlResponse;
import com.google.cloud.functions.v2.GetFunctionRequest;
import com.google.cloud.functions.v2.ListFunctionsRequest;
import com.google.cloud.functions.v2.ListFunctionsResponse;
import com.google.cloud.functions.v2.OperationMetadata;
import com.google.cloud.functions.v2.OperationType;
import com.google.cloud.functions.v2.StorageSource;
import com.google.cloud.functions.v2.UpdateFunctionRequest;
import com.google.iam.v1.IamPolicyProto;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.util.List;
import java.util.UUID;
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
  private static final String SERVICE = "google.cloud.functions.v2.FunctionService.";
  private static final String HOST = "cloudfunctions.googleapis.com";

  private final Cloud cloud;
  private final FunctionDeployment deployment;

  FunctionsApi(Cloud cloud) {
    this.cloud = cloud;
    this.deployment = new FunctionDeployment(cloud);
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
    Mixins.operations(router, cloud, HOST, "/v2");
    Mixins.locations(router, HOST, "/v2");
    Mixins.locations(router, HOST, "/v1");
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
        call -> Mixins.policy(cloud, call, Function.class));
    router.mixin(
        HOST,
        setPolicy,
        HttpRule.newBuilder().setPost(functions + ":setIamPolicy").setBody("*").build(),
        call -> Mixins.setPolicy(cloud, call, Function.class));
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
    FunctionDeployment.validate(input);
    Function deploying =
        deployment
            .withDefaults(input.toBuilder().setName(name), name)
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
            deployment.requireDeployable(deploying);
            return deployment.deploy(deploying, 1);
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
    FunctionDeployment.validate(updated);
    Function deploying =
        deployment
            .withDefaults(updated.toBuilder(), name)
            .setState(Function.State.DEPLOYING)
            .clearStateMessages()
            .setUpdateTime(Standard.now())
            .build();
    cloud.resources.put(name, deploying);
    int revision = FunctionDeployment.revisionOf(current) + 1;
    return cloud.operations.start(
        Standard.location(name),
        call.rpc(),
        metadata(name, "update", OperationType.UPDATE_FUNCTION, deploying),
        new Operations.Work() {
          @Override
          public Message succeed() {
            deployment.requireDeployable(deploying);
            return deployment.deploy(deploying, revision);
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
}
