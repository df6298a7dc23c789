package dev.fnctl.provider.gcp;

import dev.fnctl.model.spec.Budget;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Billing Budgets budget on the target's billing account. */
final class BudgetType implements ResourceType {
  /** {@code fnctl/<stack>/<target>/<budget>}: how the stack's budgets are found again. */
  static final String DISPLAY_NAME = "displayName";

  /** The amount as a plain decimal string ({@code "100"}, {@code "12.5"}). */
  static final String AMOUNT = "amount";

  static final String CURRENCY = "currency";

  /** {@code MONTH}, {@code QUARTER} or {@code YEAR}. */
  static final String PERIOD = "period";

  /**
   * {@code key=value}: the one label (Google allows one) whose resources' spend the budget counts,
   * {@code fnctl-deployment=<stack>_<target>}, so two targets of a stack have budgets of their own.
   */
  static final String SPEND_LABEL = "spendLabel";

  /** One per alert: {@code percent} and {@code forecast}, sorted. */
  static final String THRESHOLDS = "thresholds";

  static final String PERCENT = "percent";
  static final String FORECAST = "forecast";

  /** The notification channels' names, in the order of their recipients. */
  static final String CHANNELS = "channels";

  /** Output: {@code billingAccounts/X/budgets/ID}. */
  static final String NAME = "name";

  private final Budgets budgets;

  BudgetType(Budgets budgets) {
    this.budgets = budgets;
  }

  static String period(Budget.Period p) {
    return switch (p) {
      case MONTHLY -> "MONTH";
      case QUARTERLY -> "QUARTER";
      case YEARLY -> "YEAR";
    };
  }

  @Override
  public String type() {
    return GcpTypes.BUDGET;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return budgets.create(after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return budgets.update((String) live.outputs().get(NAME), after);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    budgets.delete((String) live.outputs().get(NAME));
  }
}
