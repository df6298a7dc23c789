package dev.fnctl.fake.gcp;

import com.google.cloud.resourcemanager.v3.GetProjectRequest;
import com.google.cloud.resourcemanager.v3.Project;
import com.google.cloud.resourcemanager.v3.ProjectsProto;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.SetIamPolicyRequest;

/**
 * Resource Manager v3 projects (cloudresourcemanager.googleapis.com, Projects in
 * google/cloud/resourcemanager/v3/projects.proto): get, by id or number, answering the project
 * number, and the project's IAM policy. Every project id exists (see {@link Projects}).
 */
final class ResourceManagerApi {
  private static final String SERVICE = "google.cloud.resourcemanager.v3.Projects.";

  private final Cloud cloud;

  ResourceManagerApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(ProjectsProto.getDescriptor().findServiceByName("Projects"));
    router.handle(
        SERVICE + "GetProject",
        call -> project(call.request(GetProjectRequest.getDefaultInstance()).getName()));
    router.handle(
        SERVICE + "GetIamPolicy",
        call ->
            cloud.policies.get(
                canonical(call.request(GetIamPolicyRequest.getDefaultInstance()).getResource())));
    router.handle(
        SERVICE + "SetIamPolicy",
        call -> {
          SetIamPolicyRequest request = call.request(SetIamPolicyRequest.getDefaultInstance());
          return cloud.policies.set(canonical(request.getResource()), request.getPolicy());
        });
  }

  /** A project's policy is kept under {@code projects/ID}, whichever way it is named. */
  private String canonical(String resource) {
    return "projects/" + cloud.projects.idOf(resource);
  }

  private Project project(String name) {
    String id = cloud.projects.idOf(name);
    return Project.newBuilder()
        .setName("projects/" + cloud.projects.number(id))
        .setProjectId(id)
        .setDisplayName(id)
        .setState(Project.State.ACTIVE)
        .setEtag("W/\"" + Integer.toHexString(id.hashCode()) + "\"")
        .build();
  }
}
