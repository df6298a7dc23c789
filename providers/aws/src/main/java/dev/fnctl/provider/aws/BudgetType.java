package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * An AWS Budgets budget, named {@code fnctl-<stack>-<target>-<name>} (budgets cannot be tagged).
 */
final class BudgetType implements ResourceType {
  /** The limit as a plain decimal string, e.g. {@code 20} (Budgets BudgetLimit.Amount). */
  static final String AMOUNT = "amount";

  /** The limit's currency, e.g. {@code USD} (Budgets BudgetLimit.Unit). */
  static final String CURRENCY = "currency";

  /** {@code MONTHLY}, {@code QUARTERLY} or {@code ANNUALLY} (Budgets TimeUnit). */
  static final String PERIOD = "period";

  /** The cost-allocation tag filter that limits the budget to the stack (Budgets CostFilters). */
  static final String COST_FILTER = "costFilter";

  /** The alerts, a list of maps of the three keys below sorted by type and threshold. */
  static final String NOTIFICATIONS = "notifications";

  /** An alert's {@code ACTUAL} or {@code FORECASTED} (Budgets NotificationType). */
  static final String ALERT_TYPE = "type";

  /** An alert's threshold, percent of the limit (Budgets Notification.Threshold). */
  static final String THRESHOLD = "threshold";

  /** An alert's email recipients, sorted (Budgets Subscribers). */
  static final String NOTIFY = "notify";

  private final AwsBudgets budgets;

  BudgetType(AwsBudgets budgets) {
    this.budgets = budgets;
  }

  @Override
  public String type() {
    return AwsTypes.BUDGET;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return budgets.create(a.name(), after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return budgets.update(a.name(), after, live.properties());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    budgets.delete(a.name());
  }
}
