package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;

/** The resource types the AWS provider plans, and their address prefixes. */
final class AwsTypes {
  private AwsTypes() {}

  static final String ROLE = "aws:iam:role";
  static final String FUNCTION = "aws:lambda:function";
  static final String ALIAS = "aws:lambda:alias";
  static final String PERMISSION = "aws:lambda:permission";
  static final String EVENT_SOURCE = "aws:lambda:event-source-mapping";
  static final String QUEUE = "aws:sqs:queue";
  static final String TOPIC = "aws:sns:topic";
  static final String SUBSCRIPTION = "aws:sns:subscription";
  static final String BUCKET = "aws:s3:bucket";
  static final String NOTIFICATION = "aws:s3:notification";
  static final String SCHEDULE_GROUP = "aws:scheduler:schedule-group";
  static final String SCHEDULE = "aws:scheduler:schedule";
  static final String API = "aws:apigatewayv2:api";
  static final String STAGE = "aws:apigatewayv2:stage";
  static final String INTEGRATION = "aws:apigatewayv2:integration";
  static final String ROUTE = "aws:apigatewayv2:route";
  static final String BUDGET = "aws:budgets:budget";

  /**
   * The type of the shared document an S3 notification is an entry of (not a resource fnctl plans:
   * only a {@link dev.fnctl.provider.Resource#container()}).
   */
  static final String NOTIFICATIONS = "aws:s3:bucket-notifications";

  /** The type of a function's resource policy, the container of its invoke permissions. */
  static final String POLICY = "aws:lambda:policy";

  /** The printed address of {@code name} of {@code type}: see {@link Address}. */
  static String address(String type, String name) {
    return Address.of(type, name).toString();
  }

  /**
   * The shared document an S3 notification is an entry of: PutBucketNotificationConfiguration
   * replaces a bucket's whole configuration, so the engine runs one step per bucket at a time.
   */
  static String notificationsOf(String bucket) {
    return address(NOTIFICATIONS, bucket);
  }

  /**
   * The shared document an invoke permission is a statement of: the resource policy of a function
   * or alias ({@code name} or {@code name:live}). Lambda refuses concurrent changes to one policy
   * (ResourceConflictException), so the engine runs one step per policy at a time.
   */
  static String policyOf(String function) {
    return address(POLICY, function);
  }

  /** The name of a printed address (without a copy suffix). */
  static String name(String address) {
    return Address.parse(address).name();
  }
}
