package dev.fnctl.provider.aws;

/**
 * Physical names and ARNs of one stack and target in one account and region. Everything fnctl makes
 * is named {@code <stack>-<target>-<name>}, so names alone never collide between stacks or targets;
 * the tags say who owns what.
 */
record StackNames(String stack, String target, String region, String account, String partition) {

  static final String STACK_TAG = dev.fnctl.provider.Ownership.STACK_KEY;
  static final String TARGET_TAG = dev.fnctl.provider.Ownership.TARGET_KEY;

  /**
   * The alias a function with {@code concurrency.warm} is invoked through: its provisioned
   * concurrency belongs to the alias, so every trigger targets {@code <function>:live}.
   */
  static final String ALIAS = "live";

  /**
   * Set on a function while fnctl keeps its alias. Aliases cannot be tagged and finding them takes
   * a call per function, so this tag is what tells a plan to read (and, once {@code warm} is gone
   * from the spec, delete) the alias without a ListAliases for every function.
   */
  static final String ALIAS_TAG = "fnctl-alias";

  StackNames(String stack, String target, String region, String account) {
    this(stack, target, region, account, partitionOf(region));
  }

  static String partitionOf(String region) {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
  }

  /** The neutral item of resources shared by the whole stack (HTTP API, schedule group). */
  String stackItem() {
    return dev.fnctl.provider.Item.stack(stack);
  }

  String prefix() {
    return stack + "-" + target + "-";
  }

  String physical(String name) {
    return prefix() + name;
  }

  /** The neutral name back from a physical one, or null when it is not this stack's. */
  String neutral(String physical) {
    return physical.startsWith(prefix()) ? physical.substring(prefix().length()) : null;
  }

  String roleArn(String roleName) {
    return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
  }

  String functionArn(String functionName) {
    return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + functionName;
  }

  String aliasArn(String functionName) {
    return functionArn(functionName) + ":" + ALIAS;
  }

  /**
   * {@code name} or {@code name:qualifier}: the function an ARN names, with its alias or version if
   * any.
   */
  static String qualifiedName(String functionArn) {
    if (functionArn == null) return "";
    int at = functionArn.indexOf(":function:");
    return at < 0
        ? functionArn.substring(functionArn.lastIndexOf(':') + 1)
        : functionArn.substring(at + ":function:".length());
  }

  /**
   * The function's name without a qualifier: {@code orders-prod-resize} for {@code
   * ...:function:orders-prod-resize:live}.
   */
  static String functionName(String functionArnOrQualifiedName) {
    String q =
        functionArnOrQualifiedName.contains(":function:")
            ? qualifiedName(functionArnOrQualifiedName)
            : functionArnOrQualifiedName;
    int colon = q.indexOf(':');
    return colon < 0 ? q : q.substring(0, colon);
  }

  /** The qualifier of {@code name:qualifier}, or null for an unqualified name. */
  static String qualifier(String qualifiedName) {
    int colon = qualifiedName.indexOf(':');
    return colon < 0 ? null : qualifiedName.substring(colon + 1);
  }

  /**
   * {@code resize} from {@code resize-schedule-3f2a9c1d}: schedules and notifications are named
   * {@code <function>-<trigger slug>} ({@link dev.fnctl.model.spec.Trigger#slug}).
   */
  static String triggerFunction(String triggerName) {
    java.util.regex.Matcher m = TRIGGER_NAME.matcher(triggerName);
    return m.matches() ? m.group(1) : triggerName;
  }

  private static final java.util.regex.Pattern TRIGGER_NAME =
      java.util.regex.Pattern.compile("^(.+)-[a-z]+-[0-9a-f]{8}$");

  String queueArn(String queueName) {
    return "arn:" + partition + ":sqs:" + region + ":" + account + ":" + queueName;
  }

  String topicArn(String topicName) {
    return "arn:" + partition + ":sns:" + region + ":" + account + ":" + topicName;
  }

  String bucketArn(String bucket) {
    return "arn:" + partition + ":s3:::" + bucket;
  }

  String secretArn(String reference) {
    // A name matches the secret whatever random suffix Secrets Manager appended (documented form).
    return reference.startsWith("arn:")
        ? reference
        : "arn:"
            + partition
            + ":secretsmanager:"
            + region
            + ":"
            + account
            + ":secret:"
            + reference
            + "-??????";
  }

  String executeApiArn(String apiId) {
    return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId + "/*/*";
  }

  String managedPolicyArn(String name) {
    return "arn:" + partition + ":iam::aws:policy/service-role/" + name;
  }

  /** The schedule group of this stack and target: schedules cannot be tagged, groups can. */
  String scheduleGroup() {
    return stack + "-" + target;
  }

  /** A name no function can have (function names have no underscore). */
  String schedulerRole() {
    return stack + "-" + target + "_scheduler";
  }

  String scheduleGroupArn() {
    return "arn:"
        + partition
        + ":scheduler:"
        + region
        + ":"
        + account
        + ":schedule-group/"
        + scheduleGroup();
  }

  String httpApi() {
    return stack + "-" + target;
  }

  /** Budgets cannot be tagged reliably: the name carries the stack and target. */
  String budget(String name) {
    return "fnctl-" + stack + "-" + target + "-" + name;
  }

  String budgetPrefix() {
    return "fnctl-" + stack + "-" + target + "-";
  }

  /** S3 notification ids fnctl owns on a bucket start with this. */
  String notificationPrefix() {
    return "fnctl-" + stack + "-" + target + "-";
  }

  String artifactBucket() {
    return stack + "-" + target + "-artifacts-" + account;
  }

  String lockParameter() {
    return "/fnctl/" + stack + "/" + target + "/lock";
  }

  String costAllocationTag() {
    return "user:" + STACK_TAG + "$" + stack;
  }
}
