package dev.fnctl.fake.gcp;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;

/** Every API the fake serves on its router, and the proto files whose messages it prints. */
final class Apis {
  private Apis() {}

  static void register(Cloud cloud, Router router) {
    new FunctionsApi(cloud).register(router);
    new RunApi(cloud).register(router);
    new EventarcApi(cloud).register(router);
    new SchedulerApi(cloud).register(router);
    new IamApi(cloud).register(router);
    new ResourceManagerApi(cloud).register(router);
    new PubSubApi(cloud).register(router);
    new SecretManagerApi(cloud).register(router);
    new BudgetsApi(cloud).register(router);
    new MonitoringApi(cloud).register(router);
  }

  static List<FileDescriptor> files() {
    return List.of(
        com.google.cloud.functions.v2.FunctionsProto.getDescriptor(),
        com.google.cloud.run.v2.ServiceProto.getDescriptor(),
        com.google.cloud.eventarc.v1.EventarcProto.getDescriptor(),
        com.google.cloud.scheduler.v1.SchedulerProto.getDescriptor(),
        com.google.iam.admin.v1.Iam.getDescriptor(),
        com.google.cloud.resourcemanager.v3.ProjectsProto.getDescriptor(),
        com.google.pubsub.v1.PubsubProto.getDescriptor(),
        com.google.cloud.secretmanager.v1.ServiceProto.getDescriptor(),
        com.google.cloud.billing.budgets.v1.BudgetServiceProto.getDescriptor(),
        com.google.monitoring.v3.NotificationServiceProto.getDescriptor(),
        com.google.iam.v1.IamPolicyProto.getDescriptor(),
        com.google.longrunning.OperationsProto.getDescriptor(),
        com.google.rpc.StatusProto.getDescriptor(),
        com.google.cloud.location.LocationsProto.getDescriptor());
  }
}
