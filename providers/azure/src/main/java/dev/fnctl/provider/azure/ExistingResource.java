package dev.fnctl.provider.azure;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A queue, bucket or topic the stack does not own, named in {@code existing:} by its ARM resource
 * id, exactly, as the AWS provider takes an ARN: a storage queue {@code
 * /subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.Storage/storageAccounts/<account>/queueServices/default/queues/<queue>},
 * a blob container {@code .../storageAccounts/<account>/blobServices/default/containers/<c>} or an
 * Event Grid custom topic {@code
 * /subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.EventGrid/topics/<topic>}. A bare name
 * would have to be looked for (in which account? which group?), and finding the wrong one would
 * grant access to it, so only the id is taken. fnctl never changes or deletes it: it only assigns
 * roles on it (and subscribes to a topic).
 *
 * @param id the id as written
 * @param account the storage account (queues and containers), or null for a topic
 * @param name the queue's, container's or topic's own name
 */
record ExistingResource(String id, String account, String name) {
  private static final String GROUP =
      "^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w.()]{1,90}/providers/";
  private static final String ACCOUNT =
      "Microsoft\\.Storage/storageAccounts/(?<account>[a-z0-9]{3,24})";

  /** The three kinds, each with its form and an example users can copy. */
  enum Kind {
    QUEUE(
        Pattern.compile(
            GROUP
                + ACCOUNT
                + "/queueServices/default/queues/(?<name>[a-z0-9][a-z0-9-]{1,61}[a-z0-9])$",
            Pattern.CASE_INSENSITIVE),
        "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>/queueServices/default/queues/<queue>"),
    BUCKET(
        Pattern.compile(
            GROUP
                + ACCOUNT
                + "/blobServices/default/containers/(?<name>[a-z0-9][a-z0-9-]{1,61}[a-z0-9])$",
            Pattern.CASE_INSENSITIVE),
        "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<account>/blobServices/default/containers/<container>"),
    TOPIC(
        Pattern.compile(
            GROUP + "Microsoft\\.EventGrid/topics/(?<name>[A-Za-z0-9-]{3,50})$",
            Pattern.CASE_INSENSITIVE),
        "/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.EventGrid/topics/<topic>");

    final Pattern pattern;
    final String form;

    Kind(Pattern pattern, String form) {
      this.pattern = pattern;
      this.form = form;
    }
  }

  /** The resource {@code existing} names, or empty when it is not the kind's ARM id. */
  static Optional<ExistingResource> parse(Kind kind, String existing) {
    if (existing == null) return Optional.empty();
    Matcher m = kind.pattern.matcher(existing);
    if (!m.matches()) return Optional.empty();
    String account = kind == Kind.TOPIC ? null : m.group("account").toLowerCase(Locale.ROOT);
    return Optional.of(new ExistingResource(existing, account, m.group("name")));
  }

  /** The id as a role assignment's scope: lower case, as fnctl compares scopes. */
  String scope() {
    return id.toLowerCase(Locale.ROOT);
  }
}
