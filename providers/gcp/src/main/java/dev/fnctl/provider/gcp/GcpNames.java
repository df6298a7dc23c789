package dev.fnctl.provider.gcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Physical names of one stack on one GCP target, each within its API's limits, derived only from
 * the stack, target and spec names so that {@code plan} finds again what {@code apply} made. A name
 * that would be too long keeps its start, is cut and ends with the first 8 hex digits of the
 * SHA-256 of the full name ({@link #fit}), so two long names never become one.
 *
 * @param project the project id
 * @param region the functions' region (location)
 */
record GcpNames(String stack, String target, String project, String region) {

  /** Service account ids: 6..30 characters, a letter first, then lower case, digits, hyphens. */
  static final int SERVICE_ACCOUNT_MAX = 30;

  static final int SERVICE_ACCOUNT_MIN = 6;

  /** Function and Eventarc trigger ids, label values: 63 characters. */
  static final int FUNCTION_MAX = 63;

  /** Bucket names (without dots): 3..63 lower case. */
  static final int BUCKET_MAX = 63;

  /** Topic ids: 3..255 characters, a letter first. */
  static final int TOPIC_MAX = 255;

  /** Scheduler job ids: letters, digits, hyphens and underscores, 500 characters. */
  static final int JOB_MAX = 500;

  /**
   * Separates the parts of a scheduler job id, which ownership is parsed from (jobs have no
   * labels).
   */
  static final String JOB_SEPARATOR = "_";

  static final String JOB_PREFIX = "fnctl";

  String prefix() {
    return stack + "-" + target + "-";
  }

  String function(String name) {
    return fit(prefix() + name, FUNCTION_MAX);
  }

  /** A function's own service account id: 6..30 characters. */
  String serviceAccount(String function) {
    String id = fit(prefix() + function, SERVICE_ACCOUNT_MAX);
    while (id.length() < SERVICE_ACCOUNT_MIN) id = id + "-fn";
    return id;
  }

  String serviceAccountEmail(String accountId) {
    return accountId + "@" + project + ".iam.gserviceaccount.com";
  }

  String topic(String name) {
    return fit(prefix() + name, TOPIC_MAX - 4);
  }

  /** The dead-letter topic of queue {@code name}. */
  String deadLetterTopic(String name) {
    return topic(name) + "-dlq";
  }

  String bucket(String name) {
    return fit(prefix() + name, BUCKET_MAX);
  }

  /** An Eventarc trigger of one function: {@code <function>-<slug>}. */
  String trigger(String function, String slug) {
    return fit(prefix() + function + "-" + slug, FUNCTION_MAX);
  }

  /**
   * A scheduler job: {@code fnctl_<stack>_<target>_<function>_<slug>}. Jobs carry no labels, so the
   * stack and target that own a job are read back from these exact parts ({@link #ownsJob}).
   */
  String job(String function, String slug) {
    return fit(String.join(JOB_SEPARATOR, JOB_PREFIX, stack, target, function, slug), JOB_MAX);
  }

  /** Whether a job id is one of this stack and target's: its parts match exactly. */
  boolean ownsJob(String jobId) {
    String[] parts = jobId.split(JOB_SEPARATOR, -1);
    return parts.length == 5
        && parts[0].equals(JOB_PREFIX)
        && parts[1].equals(stack)
        && parts[2].equals(target);
  }

  /** A budget's address name; budgets themselves are named by Google. */
  String budget(String name) {
    return fit(prefix() + name, FUNCTION_MAX);
  }

  /**
   * A budget's display name, {@code fnctl/<stack>/<target>/<budget>}: budgets take no labels, so
   * the stack and target that own one are read back from these exact parts ({@link #budgetOf}).
   */
  String budgetDisplayName(String name) {
    return String.join("/", JOB_PREFIX, stack, target, name);
  }

  /** The spec name of one of this stack and target's budgets, or null when it is not theirs. */
  String budgetOf(String displayName) {
    String[] parts = displayName.split("/", -1);
    return parts.length == 4
            && parts[0].equals(JOB_PREFIX)
            && parts[1].equals(stack)
            && parts[2].equals(target)
        ? parts[3]
        : null;
  }

  /** The email notification channel of one recipient: {@code <stack>-<target>-alert-<hash>}. */
  String channel(String email) {
    return prefix() + "alert-" + channelKey(email);
  }

  /** What a channel's {@code fnctl-channel} label holds: 8 hex digits of the address. */
  static String channelKey(String email) {
    return hash8(email.toLowerCase(Locale.ROOT));
  }

  String location() {
    return "projects/" + project + "/locations/" + region;
  }

  String functionPath(String id) {
    return location() + "/functions/" + id;
  }

  String topicPath(String id) {
    return "projects/" + project + "/topics/" + id;
  }

  String jobPath(String id) {
    return location() + "/jobs/" + id;
  }

  String triggerPath(String id) {
    return location() + "/triggers/" + id;
  }

  String serviceAccountPath(String email) {
    return "projects/" + project + "/serviceAccounts/" + email;
  }

  /**
   * What a service account's description says so that the stack's own accounts are found again:
   * service accounts take no labels.
   */
  String ownershipDescription() {
    return "fnctl-stack=" + stack + " fnctl-target=" + target;
  }

  /** The label naming the stack and target together, which a budget's spend is filtered on. */
  static final String DEPLOYMENT_LABEL = "fnctl-deployment";

  /** Label values: at most 63 characters of lowercase letters, digits, {@code _} and {@code -}. */
  static final int LABEL_VALUE_MAX = 63;

  /**
   * {@code <stack>_<target>}: a budget filters on one label only, so this one label tells a
   * target's resources from another target's of the same stack (names have no {@code _}, so the
   * pair reads back unambiguously; a long pair is cut and hashed as {@link #fit} does).
   */
  String deployment() {
    return fit(stack + "_" + target, LABEL_VALUE_MAX);
  }

  /** The item shared by the whole stack. */
  String stackItem() {
    return "stack " + stack;
  }

  /**
   * {@code name} if it fits in {@code max} characters, else its start cut to leave room for a
   * hyphen and the first 8 hex digits of the SHA-256 of the whole name. Lower case throughout.
   */
  static String fit(String name, int max) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.length() <= max) return lower;
    String head = lower.substring(0, max - 9);
    while (head.endsWith("-") || head.endsWith("_")) head = head.substring(0, head.length() - 1);
    return head + "-" + hash8(lower);
  }

  static String hash8(String s) {
    return sha256Hex(s.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
