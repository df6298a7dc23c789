package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;

/** The resource types of the GCP provider, as they appear in addresses. */
final class GcpTypes {
  private GcpTypes() {}

  static final String SERVICE_ACCOUNT = "gcp:iam:serviceAccount";
  static final String FUNCTION = "gcp:functions:function";
  static final String TOPIC = "gcp:pubsub:topic";
  static final String BUCKET = "gcp:storage:bucket";
  static final String JOB = "gcp:scheduler:job";
  static final String TRIGGER = "gcp:eventarc:trigger";
  static final String BUDGET = "gcp:billing:budget";
  static final String CHANNEL = "gcp:monitoring:channel";

  /**
   * One member's roles on one resource's IAM policy: {@code gcp:iam:member/KIND/RESOURCE/WHO}, in
   * the container {@code gcp:iam:policy/KIND/RESOURCE}.
   */
  static final String MEMBER = "gcp:iam:member";

  /** The shared document every member binding of one resource is an entry of. */
  static final String POLICY = "gcp:iam:policy";

  static String address(String type, String name) {
    return Address.of(type, name).toString();
  }
}
