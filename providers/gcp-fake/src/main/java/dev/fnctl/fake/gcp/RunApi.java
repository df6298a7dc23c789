package dev.fnctl.fake.gcp;

import com.google.cloud.functions.v2.Function;
import com.google.cloud.run.v2.GetServiceRequest;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServiceProto;
import java.util.UUID;

/**
 * The part of Cloud Run v2 (run.googleapis.com, Services in google/cloud/run/v2/service.proto) a
 * 2nd-gen function lives on: the service a deployment makes, readable with GetService, and its IAM
 * policy ({@code roles/run.invoker} for {@code allUsers} makes a function public). Services are
 * made only by function deployments here; Run's other methods answer 501.
 */
final class RunApi {
  private static final String SERVICE = "google.cloud.run.v2.Services.";

  private final Cloud cloud;

  RunApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(ServiceProto.getDescriptor().findServiceByName("Services"));
    router.handle(SERVICE + "GetService", this::get);
    router.handle(SERVICE + "GetIamPolicy", call -> Mixins.policy(cloud, call, Service.class));
    router.handle(SERVICE + "SetIamPolicy", call -> Mixins.setPolicy(cloud, call, Service.class));
  }

  private com.google.protobuf.Message get(RpcCall call) {
    String name = call.request(GetServiceRequest.getDefaultInstance()).getName();
    Service service = cloud.resources.get(name, Service.class);
    if (service == null) {
      throw GoogleError.notFound(
          "Resource '"
              + Standard.id(name)
              + "' of kind 'SERVICE' in region '"
              + name.split("/")[3]
              + "' in project '"
              + name.split("/")[1]
              + "' does not exist.");
    }
    return service;
  }

  /** The Cloud Run service a function's deployment creates or updates. */
  static void serviceDeployed(Cloud cloud, Function function) {
    String name = function.getServiceConfig().getService();
    Service existing = cloud.resources.get(name, Service.class);
    Service.Builder service =
        existing == null
            ? Service.newBuilder()
                .setName(name)
                .setUid(UUID.randomUUID().toString())
                .setCreateTime(Standard.now())
            : existing.toBuilder();
    service
        .setUri(function.getServiceConfig().getUri())
        .setUpdateTime(Standard.now())
        .setGeneration(existing == null ? 1 : existing.getGeneration() + 1)
        .putLabels("goog-managed-by", "cloudfunctions")
        .setLatestReadyRevision(name + "/revisions/" + function.getServiceConfig().getRevision());
    cloud.resources.put(name, service.build());
  }
}
