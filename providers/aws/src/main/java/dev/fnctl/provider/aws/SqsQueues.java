package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.QUEUE;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

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
    List<LiveResource> out = new java.util.ArrayList<>();
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
            : "https://sqs."
                + s.names.region()
                + "."
                + (s.names.partition().equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com");
    return base + "/" + s.names.account() + "/" + name;
  }

  /** URLs of every queue whose name starts with the stack's prefix (one call per 1000). */
  private List<String> list() throws ProviderException {
    List<String> urls = new java.util.ArrayList<>();
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
    List<String> deps = new java.util.ArrayList<>();
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

  Map<String, Object> create(String name, Map<String, Object> after) throws ProviderException {
    String url;
    try {
      url =
          s.call(
              "CreateQueue",
              name,
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
                      .queueUrl());
    } catch (ProviderException e) {
      if (!(e.getCause()
          instanceof software.amazon.awssdk.services.sqs.model.QueueNameExistsException)) throw e;
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
    return Map.of(ResourceType.ARN, s.names.queueArn(name), QueueType.URL, url);
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
    return e.getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
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
