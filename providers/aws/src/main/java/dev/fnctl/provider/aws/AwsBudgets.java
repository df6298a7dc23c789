package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.BUDGET;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetsResponse;
import software.amazon.awssdk.services.budgets.model.DuplicateRecordException;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.ResourceTag;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.ThresholdType;

/**
 * AWS Budgets, filtered to the stack's cost-allocation tag. Budgets cannot be tagged reliably, so
 * the name ({@code fnctl-<stack>-<target>-<name>}) is what marks them as the stack's.
 */
final class AwsBudgets {
  static final String TAG_FILTER = "TagKeyValue";
  private final AwsSession s;

  AwsBudgets(AwsSession s) {
    this.s = s;
  }

  private BudgetsClient budgets() {
    return s.clients.budgets.get();
  }

  private String account() {
    return s.names.account();
  }

  /**
   * The budgets of this stack and target. A budget name's {@code fnctl-<stack>-<target>-} prefix is
   * not exact ({@code dev} is a prefix of {@code dev-eu}), so a budget is this target's only when
   * its resource tags say so. A budget made before fnctl tagged budgets has no tags: it is taken as
   * this target's only at a name the spec asks for exactly ({@code desiredNames}).
   */
  List<LiveResource> read(Set<String> desiredNames) throws ProviderException {
    // No Budgets endpoint in the partition (GovCloud): nothing to read, and connect refused any.
    if (!Partition.of(s.names.region()).offersBudgets) return List.of();
    List<Budget> candidates = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      DescribeBudgetsResponse page;
      try {
        page =
            s.call(
                "DescribeBudgets",
                s.names.budgetPrefix() + "*",
                () ->
                    budgets()
                        .describeBudgets(b -> b.accountId(account()).maxResults(100).nextToken(t)));
      } catch (ProviderException e) {
        // AWS answers an account without any budget with NotFoundException, not an empty page
        if (e.getCause() instanceof NotFoundException) break;
        throw e;
      }
      for (Budget b : page.budgets())
        if (b.budgetName().startsWith(s.names.budgetPrefix())) candidates.add(b);
      token = page.nextToken();
    } while (token != null);
    List<Callable<LiveResource>> reads = new ArrayList<>();
    for (Budget b : candidates) reads.add(() -> liveIfOurs(b, desiredNames));
    List<LiveResource> out = new ArrayList<>();
    for (LiveResource r : s.parallel(reads)) if (r != null) out.add(r);
    return out;
  }

  private LiveResource liveIfOurs(Budget b, Set<String> desiredNames) throws ProviderException {
    String name = b.budgetName();
    List<ResourceTag> tags =
        s.call(
            "ListTagsForResource",
            name,
            () -> budgets().listTagsForResource(r -> r.resourceARN(arn(name))).resourceTags());
    Map<String, String> map = new LinkedHashMap<>();
    for (ResourceTag t : tags) map.put(t.key(), t.value());
    boolean owned =
        map.isEmpty()
            ? desiredNames.contains(name)
            : new dev.fnctl.provider.Ownership(s.names.stack(), s.names.target()).owns(map);
    if (!owned && !desiredNames.contains(name)) return null;
    LiveResource r = live(b);
    return owned
        ? r
        : new LiveResource(
            r.address(), r.type(), r.item(), false, r.properties(), r.outputs(), r.dependsOn());
  }

  private String arn(String name) {
    return "arn:" + s.names.partition() + ":budgets::" + account() + ":budget/" + name;
  }

  private LiveResource live(Budget b) throws ProviderException {
    String name = b.budgetName();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(
        BudgetType.AMOUNT,
        b.budgetLimit() == null ? null : BudgetLayout.amount(b.budgetLimit().amount()));
    p.put(BudgetType.CURRENCY, b.budgetLimit() == null ? null : b.budgetLimit().unit());
    p.put(BudgetType.PERIOD, b.timeUnitAsString());
    List<String> filter =
        b.costFilters() == null ? List.of() : b.costFilters().getOrDefault(TAG_FILTER, List.of());
    p.put(BudgetType.COST_FILTER, filter.size() == 1 ? filter.get(0) : String.join(",", filter));
    List<Notification> notes =
        s.call(
            "DescribeNotificationsForBudget",
            name,
            () ->
                budgets()
                    .describeNotificationsForBudget(r -> r.accountId(account()).budgetName(name))
                    .notifications());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Notification n : notes) {
      List<Subscriber> subs =
          s.call(
              "DescribeSubscribersForNotification",
              name,
              () ->
                  budgets()
                      .describeSubscribersForNotification(
                          r -> r.accountId(account()).budgetName(name).notification(n))
                      .subscribers());
      List<String> emails = new ArrayList<>();
      for (Subscriber sub : subs) emails.add(sub.address());
      out.add(
          BudgetLayout.notification(
              n.notificationTypeAsString(), Math.round(n.threshold()), emails));
    }
    p.put(BudgetType.NOTIFICATIONS, BudgetLayout.sortedNotifications(out));
    String neutral = name.substring(s.names.budgetPrefix().length());
    return new LiveResource(
        AwsTypes.address(BUDGET, name), BUDGET, "budget " + neutral, true, p, Map.of());
  }

  private Budget budget(String name, Map<String, Object> after) {
    return Budget.builder()
        .budgetName(name)
        .budgetType(software.amazon.awssdk.services.budgets.model.BudgetType.COST)
        .timeUnit((String) after.get(BudgetType.PERIOD))
        .budgetLimit(
            l ->
                l.amount(new BigDecimal((String) after.get(BudgetType.AMOUNT)))
                    .unit((String) after.get(BudgetType.CURRENCY)))
        .costFilters(Map.of(TAG_FILTER, List.of((String) after.get(BudgetType.COST_FILTER))))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> notes(Map<String, Object> props) {
    Object n = props.get(BudgetType.NOTIFICATIONS);
    return n == null ? List.of() : (List<Map<String, Object>>) n;
  }

  private static Notification notification(Map<String, Object> n) {
    return Notification.builder()
        .notificationType((String) n.get(BudgetType.ALERT_TYPE))
        .comparisonOperator(ComparisonOperator.GREATER_THAN)
        .threshold(((Number) n.get(BudgetType.THRESHOLD)).doubleValue())
        .thresholdType(ThresholdType.PERCENTAGE)
        .build();
  }

  @SuppressWarnings("unchecked")
  private static List<Subscriber> subscribers(Map<String, Object> n) {
    List<Subscriber> out = new ArrayList<>();
    for (String email : (List<String>) n.get(BudgetType.NOTIFY)) {
      out.add(
          Subscriber.builder()
              .subscriptionType(
                  software.amazon.awssdk.services.budgets.model.SubscriptionType.EMAIL)
              .address(email)
              .build());
    }
    return out;
  }

  Map<String, Object> create(String name, Map<String, Object> after) throws ProviderException {
    List<NotificationWithSubscribers> with = new ArrayList<>();
    for (Map<String, Object> n : notes(after)) {
      with.add(
          NotificationWithSubscribers.builder()
              .notification(notification(n))
              .subscribers(subscribers(n))
              .build());
    }
    try {
      s.call(
          "CreateBudget",
          name,
          () ->
              budgets()
                  .createBudget(
                      b ->
                          b.accountId(account())
                              .budget(budget(name, after))
                              .notificationsWithSubscribers(with)
                              .resourceTags(
                                  ResourceTag.builder()
                                      .key(StackNames.STACK_TAG)
                                      .value(s.names.stack())
                                      .build(),
                                  ResourceTag.builder()
                                      .key(StackNames.TARGET_TAG)
                                      .value(s.names.target())
                                      .build())));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof DuplicateRecordException)) throw e;
      return update(name, after, readProperties(name));
    }
    return Map.of();
  }

  private Map<String, Object> readProperties(String name) throws ProviderException {
    Budget b =
        s.call(
            "DescribeBudget",
            name,
            () -> budgets().describeBudget(r -> r.accountId(account()).budgetName(name)).budget());
    return live(b).properties();
  }

  Map<String, Object> update(String name, Map<String, Object> after, Map<String, Object> before)
      throws ProviderException {
    for (String k :
        List.of(
            BudgetType.AMOUNT, BudgetType.CURRENCY, BudgetType.PERIOD, BudgetType.COST_FILTER)) {
      if (!Objects.equals(after.get(k), before.get(k))) {
        s.call(
            "UpdateBudget",
            name,
            () ->
                budgets().updateBudget(b -> b.accountId(account()).newBudget(budget(name, after))));
        break;
      }
    }
    List<Map<String, Object>> want = notes(after);
    List<Map<String, Object>> had = notes(before);
    for (Map<String, Object> n : had) {
      if (!want.contains(n)) {
        s.call(
            "DeleteNotification",
            name,
            () ->
                budgets()
                    .deleteNotification(
                        b ->
                            b.accountId(account()).budgetName(name).notification(notification(n))));
      }
    }
    for (Map<String, Object> n : want) {
      if (!had.contains(n)) {
        s.call(
            "CreateNotification",
            name,
            () ->
                budgets()
                    .createNotification(
                        b ->
                            b.accountId(account())
                                .budgetName(name)
                                .notification(notification(n))
                                .subscribers(subscribers(n))));
      }
    }
    return Map.of();
  }

  void delete(String name) throws ProviderException {
    try {
      s.call(
          "DeleteBudget",
          name,
          () -> budgets().deleteBudget(b -> b.accountId(account()).budgetName(name)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NotFoundException)) throw e;
    }
  }
}
