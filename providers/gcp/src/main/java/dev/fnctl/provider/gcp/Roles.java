package dev.fnctl.provider.gcp;

import dev.fnctl.model.spec.Permission;
import java.util.List;

/**
 * The predefined roles each neutral access word becomes on each kind of resource: the narrowest
 * predefined role that covers the access, granted on the exact resource.
 */
final class Roles {
  private Roles() {}

  static final String RUN_INVOKER = "roles/run.invoker";
  static final String EVENT_RECEIVER = "roles/eventarc.eventReceiver";
  static final String SECRET_ACCESSOR = "roles/secretmanager.secretAccessor";

  static List<String> bucket(Permission.Access access) {
    return switch (access) {
      case READ, CONSUME, INVOKE -> List.of("roles/storage.objectViewer");
      case WRITE, PUBLISH -> List.of("roles/storage.objectCreator");
      case ADMIN -> List.of("roles/storage.objectAdmin");
    };
  }

  /** A queue is a Pub/Sub topic on GCP, so queues and topics share their roles. */
  static List<String> topic(Permission.Access access) {
    return switch (access) {
      case WRITE, PUBLISH, INVOKE -> List.of("roles/pubsub.publisher");
      case READ -> List.of("roles/pubsub.viewer");
      case CONSUME -> List.of("roles/pubsub.subscriber");
      case ADMIN -> List.of("roles/pubsub.editor");
    };
  }

  /** A function's underlying Cloud Run service. */
  static List<String> function(Permission.Access access) {
    return switch (access) {
      case READ -> List.of("roles/run.viewer");
      case ADMIN -> List.of(RUN_INVOKER, "roles/run.viewer");
      default -> List.of(RUN_INVOKER);
    };
  }
}
