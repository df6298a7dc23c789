package dev.fnctl.fake.gcp;

import com.google.api.HttpRule;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.ListOperationsRequest;
import com.google.longrunning.ListOperationsResponse;
import com.google.longrunning.OperationsProto;
import com.google.protobuf.Message;

/**
 * The methods an API mixes in rather than declares (google.longrunning.Operations,
 * google.cloud.location.Locations, google.iam.v1.IAMPolicy): their bindings are in each API's
 * service configuration ({@code http:} rules of e.g. cloudfunctions_v2.yaml, eventarc_v1.yaml,
 * pubsub_v1.yaml), not in a proto of the API, so each API adds them here under its own paths.
 */
final class Mixins {
  private Mixins() {}

  /**
   * google.longrunning.Operations Get and List under a version prefix, as the service configs bind
   * them.
   */
  static void operations(Router router, Cloud cloud, String api, String version) {
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

  static void locations(Router router, String api, String version) {
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
}
