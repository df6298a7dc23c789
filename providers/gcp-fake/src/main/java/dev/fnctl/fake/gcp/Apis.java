package dev.fnctl.fake.gcp;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;

/**
 * The proto files whose messages the fake prints and parses, and the APIs added beyond the first
 * ones.
 */
final class Apis {
  private Apis() {}

  static void registerMore(Cloud cloud, Router router) {}

  static List<FileDescriptor> files() {
    return List.of(
        com.google.cloud.functions.v2.FunctionsProto.getDescriptor(),
        com.google.cloud.run.v2.ServiceProto.getDescriptor(),
        com.google.cloud.eventarc.v1.EventarcProto.getDescriptor(),
        com.google.iam.admin.v1.Iam.getDescriptor(),
        com.google.cloud.resourcemanager.v3.ProjectsProto.getDescriptor(),
        com.google.pubsub.v1.PubsubProto.getDescriptor(),
        com.google.iam.v1.IamPolicyProto.getDescriptor(),
        com.google.longrunning.OperationsProto.getDescriptor());
  }
}
