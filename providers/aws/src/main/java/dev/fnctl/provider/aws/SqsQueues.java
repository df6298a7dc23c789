package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.QUEUE;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** SQS queues (and their dead-letter queues). Ownership comes from the tagging API. */
final class SqsQueues {
  private final AwsSession s;

  SqsQueues(AwsSession s) {
    this.s = s;
  }

  private SqsClient sqs() {
    return s.clients.sqs.get();
  }

  /** The queues among {@code names} that exist, found with ListQueues (one call per 1000). */
  List<LiveResource> readListed(Set<String> names, Set<String> ownedArns) throws ProviderException {
    List<LiveResource> out = new ArrayList<>();
    for (String url : list()) {
      if (!names.contains(nameOf(url))) continue;
      LiveResource r = read(url, ownedArns);
      if (r != null) out.add(r);
    }
    return out;
  }

  /**
   * A queue's URL, as SQS builds it: {@code https://sqs.<region>.<domain>/<account>/<name>}, or
   * under the target's endpoint when it sets one (moto, LocalStack).
   */
  String urlOf(String name) {
    String base =
        s.clients.endpoint() != null
            ? s.clients.endpoint().toString().replaceAll("/+$", "")
            : "https://sqs." + s.names.region() + "." + Partition.of(s.names.region()).dnsSuffix;
    return base + "/" + s.names.account() + "/" + name;
  }

  /** URLs of every queue whose name starts with the stack's prefix (one call per 1000). */
  private List<String> list() throws ProviderException {
    List<String> urls = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page =
          s.call(
              "ListQueues",
              s.names.prefix() + "*",
              () ->
                  sqs()
                      .listQueues(
                          b -> b.queueNamePrefix(s.names.prefix()).maxResults(1000).nextToken(t)));
      urls.addAll(page.queueUrls());
      token = page.nextToken();
    } while (token != null);
    return urls;
  }

  static String nameOf(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  LiveResource read(String url, Set<String> ownedArns) throws ProviderException {
    String name = nameOf(url);
    Map<String, String> a;
    try {
      a =
          s.call(
              "GetQueueAttributes",
              name,
              () ->
                  sqs()
                      .getQueueAttributes(
                          b ->
                              b.queueUrl(url)
                                  .attributeNames(
                                      QueueAttributeName.QUEUE_ARN,
                                      QueueAttributeName.VISIBILITY_TIMEOUT,
                                      QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                                      QueueAttributeName.REDRIVE_POLICY))
                      .attributesAsStrings());
    } catch (ProviderException e) {
      if (e.getCause() instanceof QueueDoesNotExistException) return null;
      throw e;
    }
    String arn = a.getOrDefault("QueueArn", s.names.queueArn(name));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(QueueType.VISIBILITY_TIMEOUT, Long.parseLong(a.getOrDefault("VisibilityTimeout", "30")));
    p.put(
        QueueType.MESSAGE_RETENTION,
        Long.parseLong(a.getOrDefault("MessageRetentionPeriod", "345600")));
    p.put(QueueType.REDRIVE, null);
    String redrive = a.get("RedrivePolicy");
    if (redrive != null && !redrive.isBlank()) {
      Map<String, Object> r = Json.parseObject(redrive);
      Map<String, Object> n = new LinkedHashMap<>();
      n.put(QueueType.DEAD_LETTER_TARGET_ARN, String.valueOf(r.get("deadLetterTargetArn")));
      n.put(QueueType.MAX_RECEIVE_COUNT, Long.parseLong(String.valueOf(r.get("maxReceiveCount"))));
      p.put(QueueType.REDRIVE, n);
    }
    String neutral = s.names.neutral(name);
    String item =
        "queue "
            + (neutral == null
                ? name
                : neutral.endsWith(StackNames.DEAD_LETTER_SUFFIX)
                    ? neutral.substring(
                        0, neutral.length() - StackNames.DEAD_LETTER_SUFFIX.length())
                    : neutral);
    List<String> deps = new ArrayList<>();
    if (p.get(QueueType.REDRIVE) instanceof Map<?, ?> r) {
      String dlq = String.valueOf(r.get(QueueType.DEAD_LETTER_TARGET_ARN));
      deps.add(AwsTypes.address(QUEUE, dlq.substring(dlq.lastIndexOf(':') + 1)));
    }
    return new LiveResource(
        AwsTypes.address(QUEUE, name),
        QUEUE,
        item,
        ownedArns.contains(arn),
        p,
        Map.of(ResourceType.ARN, arn, QueueType.URL, url),
        deps);
  }

  /** How long SQS keeps a deleted queue's name from being reused (CreateQueue's reference). */
  static final Duration NAME_REUSE_WAIT = Duration.ofSeconds(60);

  /** How long a queue's changed attributes may take to show in GetQueueAttributes. */
  static final Duration ATTRIBUTES_PROPAGATION = Duration.ofSeconds(60);

  Map<String, Object> create(String name, Map<String, Object> after) throws ProviderException {
    String url;
    AwsSession.Call<String> create =
        () ->
            sqs()
                .createQueue(
                    b ->
                        b.queueName(name)
                            .attributesWithStrings(attributes(after))
                            .tags(
                                Map.of(
                                    StackNames.STACK_TAG,
                                    s.names.stack(),
                                    StackNames.TARGET_TAG,
                                    s.names.target())))
                .queueUrl();
    try {
      try {
        url = s.call("CreateQueue", name, create);
      } catch (ProviderException e) {
        if (!(e.getCause() instanceof AwsServiceException a && deletedRecently(a))) throw e;
        url = waitForName(name, create);
      }
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof QueueNameExistsException)) throw e;
      // It exists with other attributes (made by a run that was stopped, or changed since): set
      // ours.
      url = url(name);
      String queueUrl = url;
      s.call(
          "SetQueueAttributes",
          name,
          () ->
              sqs()
                  .setQueueAttributes(
                      b -> b.queueUrl(queueUrl).attributesWithStrings(attributes(after))));
    }
    // CreateQueue of a queue that exists with the same attributes returns it: nothing more to set.
    settle(name, url, attributes(after));
    return Map.of(ResourceType.ARN, s.names.queueArn(name), QueueType.URL, url);
  }

  /**
   * SQS refuses a queue name for 60 seconds after the queue of that name was deleted
   * (QueueDeletedRecently): a replaced or re-created queue waits that out, saying so. When the step
   * has less time left than that, it stops at once and says what to do rather than time out.
   */
  private String waitForName(String name, AwsSession.Call<String> create) throws ProviderException {
    Duration left = s.deadline().remaining();
    if (left.compareTo(NAME_REUSE_WAIT) < 0)
      throw new ProviderException(
          ProviderException.Kind.CONFLICT,
          "CreateQueue "
              + name
              + ": a queue of this name was deleted less than 60 seconds ago and SQS refuses the"
              + " name until then, longer than this step has left ("
              + left.toSeconds()
              + " s): run apply again in a minute, or give it a longer --step-timeout");
    return s.callWaiting(
        "CreateQueue",
        name,
        SqsQueues::deletedRecently,
        NAME_REUSE_WAIT.plusSeconds(10),
        "a queue of this name was deleted less than 60 seconds ago and SQS refuses the name until"
            + " then",
        create);
  }

  static boolean deletedRecently(AwsServiceException e) {
    return e instanceof QueueDeletedRecentlyException
        || (e.awsErrorDetails() != null
            && String.valueOf(e.awsErrorDetails().errorCode()).contains("QueueDeletedRecently"));
  }

  /**
   * Waits (up to a minute, as SQS documents) until GetQueueAttributes shows what was just set, so a
   * plan right after the apply reads the new values instead of planning the same change again. Not
   * seeing them in time is noted, not a failure: the change was made.
   */
  private void settle(String name, String url, Map<String, String> set) throws ProviderException {
    Optional<Map<String, String>> seen =
        s.await(
            "GetQueueAttributes",
            name,
            () ->
                sqs()
                    .getQueueAttributes(
                        b ->
                            b.queueUrl(url)
                                .attributeNames(
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                                    QueueAttributeName.REDRIVE_POLICY))
                    .attributesAsStrings(),
            now -> shows(now, set),
            Duration.ofSeconds(1),
            Duration.ofSeconds(8),
            ATTRIBUTES_PROPAGATION);
    if (seen.isEmpty())
      s.log.note(
          "queue "
              + name
              + ": SQS does not show the new attributes yet (they can take a minute to"
              + " propagate); a plan made now may list the change again");
  }

  /** Whether the attributes read show every value set ("" for RedrivePolicy: none). */
  static boolean shows(Map<String, String> now, Map<String, String> set) {
    for (Map.Entry<String, String> e : set.entrySet()) {
      String had = now.getOrDefault(e.getKey(), "");
      if (e.getKey().equals("RedrivePolicy")) {
        if (e.getValue().isEmpty() != had.isEmpty()) return false;
        if (!e.getValue().isEmpty() && !redrive(had).equals(redrive(e.getValue()))) return false;
      } else if (!had.equals(e.getValue())) return false;
    }
    return true;
  }

  private static Map<String, String> redrive(String json) {
    Map<String, String> out = new TreeMap<>();
    Json.parseObject(json).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  Map<String, Object> update(String name, Map<String, Object> after, Map<String, Object> before)
      throws ProviderException {
    String url = url(name);
    Map<String, String> attrs = attributes(after);
    if (after.get(QueueType.REDRIVE) == null && before.get(QueueType.REDRIVE) != null)
      attrs.put("RedrivePolicy", "");
    s.call(
        "SetQueueAttributes",
        name,
        () -> sqs().setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(attrs)));
    settle(name, url, attrs);
    return Map.of(ResourceType.ARN, s.names.queueArn(name), QueueType.URL, url);
  }

  void delete(String name) throws ProviderException {
    try {
      String url = url(name);
      s.call("DeleteQueue", name, () -> sqs().deleteQueue(b -> b.queueUrl(url)));
    } catch (ProviderException e) {
      // Gone already (a repeated delete, or a retried one whose first reply was lost).
      if (!gone(e)) throw e;
    }
  }

  /**
   * The queue does not exist: the modelled exception, or the query-protocol code {@code
   * AWS.SimpleQueueService.NonExistentQueue} that a retried DeleteQueue (whose first reply was
   * lost) can answer with.
   */
  private static boolean gone(ProviderException e) {
    if (e.getCause() instanceof QueueDoesNotExistException) return true;
    return e.getCause() instanceof AwsServiceException a
        && a.awsErrorDetails() != null
        && String.valueOf(a.awsErrorDetails().errorCode()).contains("NonExistentQueue");
  }

  String url(String name) throws ProviderException {
    return s.call("GetQueueUrl", name, () -> sqs().getQueueUrl(b -> b.queueName(name)).queueUrl());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> attributes(Map<String, Object> after) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("VisibilityTimeout", String.valueOf(after.get(QueueType.VISIBILITY_TIMEOUT)));
    a.put("MessageRetentionPeriod", String.valueOf(after.get(QueueType.MESSAGE_RETENTION)));
    Map<String, Object> redrive = (Map<String, Object>) after.get(QueueType.REDRIVE);
    if (redrive != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("deadLetterTargetArn", redrive.get(QueueType.DEAD_LETTER_TARGET_ARN));
      r.put("maxReceiveCount", redrive.get(QueueType.MAX_RECEIVE_COUNT));
      a.put("RedrivePolicy", Json.writeCompact(r));
    }
    return a;
  }
}
