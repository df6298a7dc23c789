package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * Reads everything the stack owns plus whatever sits at a desired name, with bulk calls where AWS
 * has them and the per-resource calls in parallel:
 *
 * <ol>
 *   <li>in parallel: the tagging API (owned functions, queues, topics, buckets), IAM's
 *       authorization details (all roles with policies and tags), the schedule group with its
 *       schedules, the HTTP API, budgets;
 *   <li>in parallel: event source mappings (one list), and per resource: GetFunction (for a warm
 *       function also its alias and the alias's provisioned concurrency), GetQueueAttributes of
 *       owned queues by their URL (ListQueues only for desired queues the tags did not find),
 *       GetPolicy (only for functions with invoke permissions), topic subscriptions and bucket
 *       notifications (only where the stack has them: for an owned topic or bucket they are also
 *       what confirms it still exists, since the tagging API lists deleted ones too), and
 *       GetBucketTagging for a desired bucket the tagging API did not list.
 * </ol>
 */
final class LiveReader {
  private final AwsSession s;
  private final AwsServices services;

  LiveReader(AwsSession s, AwsServices services) {
    this.s = s;
    this.services = services;
  }

  record Desired(Map<String, Resource> byAddress) {
    Set<String> names(String type) {
      Set<String> out = new TreeSet<>();
      for (Resource r : byAddress.values())
        if (r.type().equals(type)) out.add(AwsTypes.name(r.address()));
      return out;
    }

    /** The first part of the names of {@code type}: the function of {@code <function>/<sid>}. */
    Set<String> firstParts(String type) {
      Set<String> out = new TreeSet<>();
      for (Resource r : byAddress.values())
        if (r.type().equals(type)) out.add(Address.parse(r.address()).first());
      return out;
    }
  }

  LiveState read(List<Resource> desiredList) throws ProviderException {
    Map<String, Resource> map = new LinkedHashMap<>();
    for (Resource r : desiredList) map.put(r.address(), r);
    Desired desired = new Desired(map);

    List<Callable<Object>> first = new ArrayList<>();
    first.add(this::ownedArns);
    first.add(() -> services.roles.read(desired.names(ROLE)));
    first.add(services.schedules::read);
    first.add(services.apis::read);
    first.add(() -> services.budgets.read(desired.names(BUDGET)));
    List<Object> r1 = s.parallel(first);
    @SuppressWarnings("unchecked")
    Set<String> ownedArns = (Set<String>) r1.get(0);
    List<LiveResource> live = new ArrayList<>();
    for (int i = 1; i <= 4; i++) live.addAll(cast(r1.get(i)));

    Set<String> functions = new TreeSet<>(desired.names(FUNCTION));
    // What the tags say this target owns: what cannot be tagged (statements, notifications,
    // subscriptions) belongs to this target only when the function it invokes does.
    Set<String> ownedFunctions = new TreeSet<>();
    Set<String> ownedQueues = new TreeSet<>();
    Set<String> ownedTopics = new TreeSet<>();
    Set<String> ownedBuckets = new TreeSet<>();
    for (String arn : ownedArns) {
      String[] parts = arn.split(":");
      String service = parts[2];
      switch (service) {
        case "lambda" -> {
          if (parts.length >= 7 && parts[5].equals("function")) {
            functions.add(parts[6]);
            ownedFunctions.add(parts[6]);
          }
        }
        case "sqs" -> ownedQueues.add(parts[5]);
        case "sns" -> ownedTopics.add(parts[5]);
        case "s3" -> ownedBuckets.add(parts[5]);
        default -> {}
      }
    }

    // Functions whose resource policy holds invoke permissions fnctl manages.
    Set<String> policyFunctions = new TreeSet<>();
    for (String a : desired.firstParts(PERMISSION)) policyFunctions.add(a);
    for (LiveResource r : live) {
      if (r.type().equals(INTEGRATION)) {
        policyFunctions.add(
            StackNames.qualifiedName(String.valueOf(r.properties().get(IntegrationType.URI))));
      }
    }

    // Topics by name, with the ARN to list: an existing topic's as the spec wrote it (another
    // account's or region's included), else the target's.
    Map<String, String> topicsToScan = new TreeMap<>();
    for (String t : ownedTopics) topicsToScan.put(t, s.names.topicArn(t));
    for (Resource r : desired.byAddress().values())
      if (r.type().equals(SUBSCRIPTION))
        topicsToScan.putIfAbsent(
            Address.parse(r.address()).first(),
            String.valueOf(r.properties().get(SubscriptionType.TOPIC)));
    Set<String> bucketsToScan = new TreeSet<>(ownedBuckets);
    for (String a : desired.firstParts(NOTIFICATION)) bucketsToScan.add(a);

    List<Callable<Object>> second = new ArrayList<>();
    Set<String> knownFunctions = Set.copyOf(functions);
    second.add(() -> services.eventSources.read(knownFunctions));
    Set<String> aliased = new HashSet<>();
    for (String a : desired.names(ALIAS)) aliased.add(StackNames.functionName(a));
    for (String fn : functions) second.add(() -> services.functions.read(fn, aliased.contains(fn)));
    for (String fn : policyFunctions)
      second.add(() -> services.permissions.read(fn, ownedFunctions));
    Set<String> ownedQueueArns = new HashSet<>();
    for (String q : ownedQueues) ownedQueueArns.add(s.names.queueArn(q));
    // An owned queue's URL follows from its name; only a desired queue the tags did not find
    // (new, or someone else's by that name) needs the listing.
    for (String q : ownedQueues)
      second.add(() -> one(services.queues.read(services.queues.urlOf(q), ownedQueueArns)));
    Set<String> unownedQueues = new TreeSet<>(desired.names(QUEUE));
    unownedQueues.removeAll(ownedQueues);
    if (!unownedQueues.isEmpty())
      second.add(() -> services.queues.readListed(unownedQueues, ownedQueueArns));
    for (String t : ownedTopics) second.add(() -> services.topics.owned(t, ownedFunctions));
    for (String t : desired.names(TOPIC)) {
      if (!ownedTopics.contains(t))
        second.add(
            () -> services.topics.exists(t) ? List.of(services.topics.topic(t, false)) : List.of());
    }
    topicsToScan.forEach(
        (t, arn) -> {
          if (!ownedTopics.contains(t))
            second.add(() -> services.topics.subscriptions(t, arn, ownedFunctions));
        });
    // The tagging API lists deleted buckets and topics too: an owned one is live only when the
    // read of its notifications or subscriptions (made for each anyway) finds it.
    for (String b : ownedBuckets) second.add(() -> services.buckets.owned(b, ownedFunctions));
    for (String b : desired.names(BUCKET)) {
      if (!ownedBuckets.contains(b)) second.add(() -> services.buckets.unlisted(b));
    }
    for (String b : bucketsToScan)
      if (!ownedBuckets.contains(b))
        second.add(() -> services.buckets.notifications(b, ownedFunctions));
    for (Object o : s.parallel(second)) live.addAll(cast(o));

    // Statements for functions found only through their notifications or subscriptions.
    List<Callable<Object>> third = new ArrayList<>();
    for (LiveResource r : List.copyOf(live)) {
      if (r.type().equals(NOTIFICATION) || r.type().equals(SUBSCRIPTION)) {
        String arn =
            String.valueOf(
                r.properties()
                    .get(
                        r.type().equals(NOTIFICATION)
                            ? NotificationType.FUNCTION
                            : SubscriptionType.ENDPOINT));
        String fn = StackNames.qualifiedName(arn);
        if (policyFunctions.add(fn)) third.add(() -> services.permissions.read(fn, ownedFunctions));
      }
    }
    for (Object o : s.parallel(third)) live.addAll(cast(o));
    // A statement read twice (through the function and its alias) is one resource.
    Map<String, LiveResource> unique = new LinkedHashMap<>();
    for (LiveResource r : live) unique.putIfAbsent(r.address(), r);
    return new LiveState(List.copyOf(unique.values()));
  }

  private static List<LiveResource> one(LiveResource r) {
    return r == null ? List.of() : List.of(r);
  }

  @SuppressWarnings("unchecked")
  private static Collection<LiveResource> cast(Object o) {
    return (Collection<LiveResource>) o;
  }

  /** ARNs of the functions, queues, topics and buckets tagged with this stack and target. */
  private Set<String> ownedArns() throws ProviderException {
    Set<String> arns = new HashSet<>();
    String token = "";
    do {
      String t = token;
      var page =
          s.call(
              "GetResources",
              "tag " + StackNames.STACK_TAG + "=" + s.names.stack(),
              () ->
                  s.clients
                      .tagging
                      .get()
                      .getResources(
                          b ->
                              b.tagFilters(
                                      TagFilter.builder()
                                          .key(StackNames.STACK_TAG)
                                          .values(s.names.stack())
                                          .build(),
                                      TagFilter.builder()
                                          .key(StackNames.TARGET_TAG)
                                          .values(s.names.target())
                                          .build())
                                  .resourceTypeFilters("lambda:function", "sqs", "sns", "s3")
                                  .resourcesPerPage(100)
                                  .paginationToken(t)));
      for (ResourceTagMapping m : page.resourceTagMappingList()) arns.add(m.resourceARN());
      token = page.paginationToken();
    } while (token != null && !token.isEmpty());
    return arns;
  }
}
