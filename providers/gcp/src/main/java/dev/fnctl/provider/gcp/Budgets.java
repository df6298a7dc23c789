package dev.fnctl.provider.gcp;

import com.google.cloud.billing.budgets.v1.Budget;
import com.google.cloud.billing.budgets.v1.BudgetAmount;
import com.google.cloud.billing.budgets.v1.BudgetServiceClient;
import com.google.cloud.billing.budgets.v1.CalendarPeriod;
import com.google.cloud.billing.budgets.v1.Filter;
import com.google.cloud.billing.budgets.v1.ListBudgetsRequest;
import com.google.cloud.billing.budgets.v1.NotificationsRule;
import com.google.cloud.billing.budgets.v1.ThresholdRule;
import com.google.cloud.billing.budgets.v1.UpdateBudgetRequest;
import com.google.protobuf.FieldMask;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import com.google.type.Money;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Budgets on the target's billing account through the Billing Budgets client library. Budgets take
 * no labels: the stack's own are those whose display name parses as its own ({@link
 * GcpNames#budgetOf}).
 */
final class Budgets {
  private final GcpSession session;

  Budgets(GcpSession session) {
    this.session = session;
  }

  private String parent() throws ProviderException {
    String account = session.billingAccount();
    if (account == null)
      throw new ProviderException(
          ProviderException.Kind.INVALID,
          "target "
              + session.names.target()
              + " has budgets but no billingAccount: set billingAccount: XXXXXX-XXXXXX-XXXXXX");
    return "billingAccounts/" + account;
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    if (session.billingAccount() == null) return List.of();
    BudgetServiceClient client = session.budgets();
    String parent = parent();
    List<LiveResource> out = new ArrayList<>();
    Iterable<Budget> all =
        session.call(
            "list budgets of " + parent,
            () ->
                client
                    .listBudgets(
                        ListBudgetsRequest.newBuilder().setParent(parent).setPageSize(100).build())
                    .iterateAll());
    for (Budget b : all) {
      String name = session.names.budgetOf(b.getDisplayName());
      if (name == null) continue;
      String id = session.names.budget(name);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(BudgetType.DISPLAY_NAME, b.getDisplayName());
      Money m = b.getAmount().getSpecifiedAmount();
      p.put(
          BudgetType.AMOUNT,
          BigDecimal.valueOf(m.getUnits())
              .add(BigDecimal.valueOf(m.getNanos(), 9))
              .stripTrailingZeros()
              .toPlainString());
      p.put(BudgetType.CURRENCY, m.getCurrencyCode());
      p.put(BudgetType.PERIOD, b.getBudgetFilter().getCalendarPeriod().name());
      p.put(BudgetType.SPEND_LABEL, spendLabel(b.getBudgetFilter()));
      TreeMap<String, Map<String, Object>> thresholds = new TreeMap<>();
      for (ThresholdRule r : b.getThresholdRulesList()) {
        long percent = Math.round(r.getThresholdPercent() * 100);
        boolean forecast = r.getSpendBasis() == ThresholdRule.Basis.FORECASTED_SPEND;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put(BudgetType.PERCENT, percent);
        t.put(BudgetType.FORECAST, forecast);
        thresholds.put(String.format("%05d-%s", percent, forecast), t);
      }
      p.put(BudgetType.THRESHOLDS, List.copyOf(thresholds.values()));
      p.put(
          BudgetType.CHANNELS,
          List.copyOf(b.getNotificationsRule().getMonitoringNotificationChannelsList()));
      out.add(
          new LiveResource(
              GcpTypes.address(GcpTypes.BUDGET, id),
              GcpTypes.BUDGET,
              null,
              true,
              p,
              Map.of(BudgetType.NAME, b.getName())));
    }
    return out;
  }

  private Budget budget(String name, Map<String, Object> after) {
    BigDecimal amount = new BigDecimal((String) after.get(BudgetType.AMOUNT));
    long units = amount.longValue();
    int nanos = amount.subtract(BigDecimal.valueOf(units)).movePointRight(9).intValue();
    String[] spend = ((String) after.get(BudgetType.SPEND_LABEL)).split("=", 2);
    Budget.Builder b =
        Budget.newBuilder()
            .setDisplayName((String) after.get(BudgetType.DISPLAY_NAME))
            .setBudgetFilter(
                Filter.newBuilder()
                    .setCalendarPeriod(
                        CalendarPeriod.valueOf((String) after.get(BudgetType.PERIOD)))
                    .putLabels(
                        spend[0],
                        ListValue.newBuilder()
                            .addValues(Value.newBuilder().setStringValue(spend[1]))
                            .build()))
            .setAmount(
                BudgetAmount.newBuilder()
                    .setSpecifiedAmount(
                        Money.newBuilder()
                            .setCurrencyCode((String) after.get(BudgetType.CURRENCY))
                            .setUnits(units)
                            .setNanos(nanos)));
    if (name != null) b.setName(name);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> thresholds =
        (List<Map<String, Object>>) after.get(BudgetType.THRESHOLDS);
    for (Map<String, Object> t : thresholds)
      b.addThresholdRules(
          ThresholdRule.newBuilder()
              .setThresholdPercent(((Number) t.get(BudgetType.PERCENT)).doubleValue() / 100)
              .setSpendBasis(
                  Boolean.TRUE.equals(t.get(BudgetType.FORECAST))
                      ? ThresholdRule.Basis.FORECASTED_SPEND
                      : ThresholdRule.Basis.CURRENT_SPEND));
    List<String> channels = new ArrayList<>();
    for (Object c : (List<?>) after.get(BudgetType.CHANNELS)) channels.add(String.valueOf(c));
    b.setNotificationsRule(
        NotificationsRule.newBuilder().addAllMonitoringNotificationChannels(channels));
    return b.build();
  }

  /** The budget's label filter as {@code key=value}, or null when it has none. */
  static String spendLabel(Filter filter) {
    for (Map.Entry<String, ListValue> e : filter.getLabelsMap().entrySet())
      if (e.getValue().getValuesCount() > 0)
        return e.getKey() + "=" + e.getValue().getValues(0).getStringValue();
    return null;
  }

  Map<String, Object> create(Map<String, Object> after) throws ProviderException {
    String parent = parent();
    String display = (String) after.get(BudgetType.DISPLAY_NAME);
    // A create whose reply was lost left it there: converge onto it rather than make a second.
    for (LiveResource r : list(Set.of()))
      if (display.equals(r.properties().get(BudgetType.DISPLAY_NAME)))
        return update((String) r.outputs().get(BudgetType.NAME), after);
    Budget made =
        session.call(
            "create budget " + display,
            () -> session.budgets().createBudget(parent, budget(null, after)));
    return Map.of(BudgetType.NAME, made.getName());
  }

  Map<String, Object> update(String name, Map<String, Object> after) throws ProviderException {
    String display = (String) after.get(BudgetType.DISPLAY_NAME);
    session.call(
        "update budget " + display,
        () ->
            session
                .budgets()
                .updateBudget(
                    UpdateBudgetRequest.newBuilder()
                        .setBudget(budget(name, after))
                        .setUpdateMask(
                            FieldMask.newBuilder()
                                .addPaths("display_name")
                                .addPaths("budget_filter")
                                .addPaths("amount")
                                .addPaths("threshold_rules")
                                .addPaths("notifications_rule"))
                        .build()));
    return Map.of(BudgetType.NAME, name);
  }

  void delete(String name) throws ProviderException {
    try {
      session.budgets().deleteBudget(name);
    } catch (Exception e) {
      if (!GcpErrors.notFound(e)) throw GcpErrors.failure("delete budget " + name, e);
    }
  }
}
