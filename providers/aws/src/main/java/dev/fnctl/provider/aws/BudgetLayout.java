package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Resource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A budget filtered to the stack's cost-allocation tag, with its alerts. */
final class BudgetLayout {
  private final StackLayout layout;
  private final StackNames names;

  BudgetLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  /** One budget with its alerts, sorted so the live read compares equal. */
  void budget(Deployment d, Budget b) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(BudgetType.AMOUNT, amount(b.amount()));
    p.put(BudgetType.CURRENCY, b.currency() == null ? "USD" : b.currency());
    p.put(BudgetType.PERIOD, b.period() == Budget.Period.YEARLY ? "ANNUALLY" : b.period().name());
    p.put(BudgetType.COST_FILTER, names.costAllocationTag());
    List<Map<String, Object>> notes = new ArrayList<>();
    for (Budget.Alert a : b.alerts())
      notes.add(notification(a.forecast() ? "FORECASTED" : "ACTUAL", a.percent(), a.recipients()));
    p.put(BudgetType.NOTIFICATIONS, sortedNotifications(notes));
    layout.add(
        Resource.of(
            address(BUDGET, names.budget(b.name())), BUDGET, "budget " + b.name(), p, List.of()));
  }

  static String amount(BigDecimal amount) {
    BigDecimal s = amount.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  static Map<String, Object> notification(String type, long percent, List<String> recipients) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put(BudgetType.ALERT_TYPE, type);
    n.put(BudgetType.THRESHOLD, percent);
    n.put(BudgetType.NOTIFY, List.copyOf(new TreeSet<>(recipients)));
    return n;
  }

  static List<Object> sortedNotifications(List<Map<String, Object>> notes) {
    List<Map<String, Object>> copy = new ArrayList<>(notes);
    copy.sort(
        Comparator.comparing((Map<String, Object> n) -> (String) n.get(BudgetType.ALERT_TYPE))
            .thenComparing(n -> (Long) n.get(BudgetType.THRESHOLD)));
    return List.copyOf(copy);
  }
}
