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
