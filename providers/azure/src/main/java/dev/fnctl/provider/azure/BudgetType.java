package dev.fnctl.provider.azure;

import dev.fnctl.model.spec.Budget;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cost budget on the resource group ({@code Microsoft.Consumption/budgets}), counting only what
 * carries the stack's and target's tags, with up to five notifications to contact emails. Budgets
 * take no tags, so the stack is in the name, {@code fnctl_<stack>_<target>_<budget>}: underscores
 * cannot occur in the model's names, so the name parses back exactly. Azure has no currency field:
 * a budget counts in the billing account's currency.
 */
final class BudgetType implements ResourceType {
  static final String AMOUNT = "amount";
  static final String PERIOD = "period";
  static final String ALERTS = "alerts";
  static final String ID = "id";

  private final AzureSession s;

  BudgetType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.BUDGET;
  }

  static String name(AzureNames names, String budget) {
    return "fnctl_" + names.stack() + "_" + names.target() + "_" + budget;
  }

  /** The budget name of this stack and target that {@code name} is, or null. */
  static String owned(AzureNames names, String name) {
    String[] parts = name.split("_", -1);
    if (parts.length != 4 || !parts[0].equals("fnctl")) return null;
    return parts[1].equals(names.stack()) && parts[2].equals(names.target()) ? parts[3] : null;
  }

  static Resource desired(AzureNames names, Budget b) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(AMOUNT, b.amount().stripTrailingZeros().toPlainString());
    p.put(PERIOD, grain(b.period()));
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Budget.Alert a : b.alerts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", (long) a.percent());
      m.put("forecast", a.forecast());
      m.put("notify", a.recipients().stream().sorted().toList());
      alerts.add(m);
    }
    alerts.sort(ALERT_ORDER);
    p.put(ALERTS, alerts);
    return Resource.of(
        AzureTypes.address(AzureTypes.BUDGET, name(names, b.name())),
        AzureTypes.BUDGET,
        "budget " + b.name(),
        p,
        List.of());
  }

  private static final Comparator<Map<String, Object>> ALERT_ORDER =
      Comparator.<Map<String, Object>, Long>comparing(m -> (Long) m.get("at"))
          .thenComparing(m -> String.valueOf(m.get("forecast")));

  static String grain(Budget.Period p) {
    return switch (p) {
      case MONTHLY -> "Monthly";
      case QUARTERLY -> "Quarterly";
      case YEARLY -> "Annually";
    };
  }

  private String path(String name) {
    return s.resourceGroupPath() + "/providers/Microsoft.Consumption/budgets/" + name;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("category", "Cost");
    props.put("amount", new BigDecimal(String.valueOf(after.get(AMOUNT))));
    props.put("timeGrain", after.get(PERIOD));
    LocalDate first = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    props.put("timePeriod", Map.of("startDate", first + "T00:00:00Z"));
    props.put(
        "filter",
        Map.of(
            "and",
            List.of(
                tagFilter(Ownership.STACK_KEY, s.names.stack()),
                tagFilter(Ownership.TARGET_KEY, s.names.target()))));
    Map<String, Object> notifications = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> alerts = (List<Map<String, Object>>) after.get(ALERTS);
    for (Map<String, Object> alert : alerts) {
      boolean forecast = Boolean.TRUE.equals(alert.get("forecast"));
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("enabled", true);
      n.put("operator", "GreaterThanOrEqualTo");
      n.put("threshold", alert.get("at"));
      n.put("contactEmails", alert.get("notify"));
      n.put("thresholdType", forecast ? "Forecasted" : "Actual");
      notifications.put(
          (forecast ? "forecasted" : "actual")
              + "_GreaterThanOrEqualTo_"
              + alert.get("at")
              + "_Percent",
          n);
    }
    props.put("notifications", notifications);
    Map<String, Object> r =
        s.arm.put(path(a.name()), ApiVersions.CONSUMPTION, Map.of("properties", props), d);
    return Map.of(ID, String.valueOf(r.getOrDefault("id", path(a.name()))));
  }

  private static Map<String, Object> tagFilter(String key, String value) {
    return Map.of("tags", Map.of("name", key, "operator", "In", "values", List.of(value)));
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    s.arm.delete(path(a.name()), ApiVersions.CONSUMPTION, d);
  }

  static Map<String, Object> properties(Map<String, Object> r) {
    Map<String, Object> p = new LinkedHashMap<>();
    Object amount = Arm.at(r, "properties", "amount");
    p.put(
        AMOUNT,
        amount == null
            ? null
            : new BigDecimal(amount.toString()).stripTrailingZeros().toPlainString());
    p.put(PERIOD, Arm.at(r, "properties", "timeGrain"));
    List<Map<String, Object>> alerts = new ArrayList<>();
    if (Arm.at(r, "properties", "notifications") instanceof Map<?, ?> ns) {
      for (Object o : ns.values()) {
        if (!(o instanceof Map<?, ?> n)) continue;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", n.get("threshold") instanceof Number t ? t.longValue() : null);
        m.put(
            "forecast",
            "forecasted".equals(String.valueOf(n.get("thresholdType")).toLowerCase(Locale.ROOT)));
        List<String> emails = new ArrayList<>();
        if (n.get("contactEmails") instanceof List<?> l)
          for (Object e : l) emails.add(String.valueOf(e));
        emails.sort(null);
        m.put("notify", emails);
        alerts.add(m);
      }
    }
    alerts.sort(ALERT_ORDER);
    p.put(ALERTS, alerts);
    return p;
  }
}
