package dev.fnctl.provider.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Physical names and ARNs of one stack and target in one account and region: the AWS provider's
 * naming scheme (the model and the SPI assume none). Everything fnctl makes is named {@code
 * <stack>-<target>-<name>}, so names alone never collide between stacks or targets; the tags say
 * who owns what.
 *
 * <p>Each kind of name stays within its AWS limit ({@link #FUNCTION_MAX}, {@link #ROLE_MAX}, {@link
 * #QUEUE_MAX}, {@link #TOPIC_MAX}, {@link #BUCKET_MAX}): a name that would be longer keeps the
 * {@code <stack>-<target>-} prefix (what ownership scans list by), is cut, and ends with a hash of
 * the full name ({@link #fit}), so it is deterministic and two long names never become one. The
 * model's name limits keep today's specs short of every limit; the cut is the provider's own
 * guarantee rather than a promise borrowed from the model.
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
    return Partition.of(region).id;
  }

  /** The neutral item of resources shared by the whole stack (HTTP API, schedule group). */
  String stackItem() {
    return dev.fnctl.provider.Item.stack(stack);
  }

  String prefix() {
    return stack + "-" + target + "-";
  }

  /** Lambda function names: 64 characters. */
  static final int FUNCTION_MAX = 64;

  /** IAM role names: 64 characters. */
  static final int ROLE_MAX = 64;

  /** SQS queue names: 80 characters. */
  static final int QUEUE_MAX = 80;

  /** SNS topic names: 256 characters. */
  static final int TOPIC_MAX = 256;

  /** S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
  static final int BUCKET_MAX = 63;

  /** What a dead-letter queue's name adds to its queue's. */
  static final String DEAD_LETTER_SUFFIX = "-dlq";

  /**
   * The function (and its execution role, which has the same name) of spec function {@code name}.
   */
  String function(String name) {
    return fit(prefix(), name, Math.min(FUNCTION_MAX, ROLE_MAX));
  }

  /** The queue of spec queue {@code name}, short enough that its dead-letter queue fits too. */
  String queue(String name) {
    return fit(prefix(), name, QUEUE_MAX - DEAD_LETTER_SUFFIX.length());
  }

  /** The dead-letter queue of spec queue {@code name}. */
  String deadLetterQueue(String name) {
    return queue(name) + DEAD_LETTER_SUFFIX;
  }

  String topic(String name) {
    return fit(prefix(), name, TOPIC_MAX);
  }

  /** Bucket names are global and lower case; the model's names are lower case already. */
  String bucket(String name) {
    return fit(prefix(), name.toLowerCase(Locale.ROOT), BUCKET_MAX);
  }

  /**
   * {@code prefix + name} if it fits in {@code max} characters; otherwise the prefix, as much of
   * the name as fits, a hyphen and the first 8 hex digits of the SHA-256 of the full name.
   */
  /**
   * A Lambda permission's statement id: {@code [a-zA-Z0-9-_]+}, at most 100 characters (the
   * AddPermission model). A name with other characters (an existing bucket with dots) has them
   * replaced and a short hash of the original added, so two names never share an id; a name without
   * them keeps the id it always had.
   */
  static String statementId(String prefix, String name) {
    String clean = name.replaceAll("[^A-Za-z0-9_-]", "-");
    if (clean.equals(name)) return fit(prefix, name, 100);
    return fit(prefix, clean + "-" + sha256Hex(name).substring(0, 8), 100);
  }

  static String fit(String prefix, String name, int max) {
    String full = prefix + name;
    if (full.length() <= max) return full;
    String hash = sha256Hex(full).substring(0, 8);
    int keep = Math.max(0, max - prefix.length() - 1 - hash.length());
    String cut = name.substring(0, Math.min(keep, name.length()));
    while (cut.endsWith("-") || cut.endsWith(".")) cut = cut.substring(0, cut.length() - 1);
    String shortened = prefix + cut + (cut.isEmpty() ? "" : "-") + hash;
    return shortened.length() <= max ? shortened : shortened.substring(shortened.length() - max);
  }

  private static String sha256Hex(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
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
    Matcher m = TRIGGER_NAME.matcher(triggerName);
    return m.matches() ? m.group(1) : triggerName;
  }

  private static final Pattern TRIGGER_NAME = Pattern.compile("^(.+)-[a-z]+-[0-9a-f]{8}$");

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
