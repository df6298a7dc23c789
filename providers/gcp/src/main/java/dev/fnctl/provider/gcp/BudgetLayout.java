package dev.fnctl.provider.gcp;

import static dev.fnctl.provider.gcp.GcpTypes.*;

import dev.fnctl.model.spec.Budget;
import dev.fnctl.provider.Item;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A budget: a Billing Budgets budget on the target's billing account, filtered to the stack's
 * {@code fnctl-stack} label, with one threshold rule per alert; its recipients become email
 * notification channels (Cloud Monitoring) the stack owns.
 */
final class BudgetLayout {
  private final StackLayout layout;
  private final GcpNames names;

  BudgetLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  void budget(Budget b) {
    String item = Item.budget(b.name());
    TreeSet<String> recipients = new TreeSet<>();
    for (Budget.Alert a : b.alerts()) recipients.addAll(a.recipients());
    List<Object> channels = new ArrayList<>();
    List<String> deps = new ArrayList<>();
    for (String email : recipients) {
      String address = address(CHANNEL, names.channel(email));
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(ChannelType.EMAIL, email);
      layout.addShared(Resource.of(address, CHANNEL, item, p, List.of()));
      channels.add(new Ref(address, ChannelType.NAME));
      deps.add(address);
    }
    TreeMap<String, Map<String, Object>> thresholds = new TreeMap<>();
    for (Budget.Alert a : b.alerts()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put(BudgetType.PERCENT, (long) a.percent());
      t.put(BudgetType.FORECAST, a.forecast());
      thresholds.put(String.format("%05d-%s", a.percent(), a.forecast()), t);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(BudgetType.DISPLAY_NAME, names.budgetDisplayName(b.name()));
    p.put(BudgetType.AMOUNT, b.amount().stripTrailingZeros().toPlainString());
    p.put(BudgetType.CURRENCY, b.currency() == null ? "USD" : b.currency());
    p.put(BudgetType.PERIOD, BudgetType.period(b.period()));
    p.put(BudgetType.SPEND_LABEL, GcpNames.DEPLOYMENT_LABEL + "=" + names.deployment());
    p.put(BudgetType.THRESHOLDS, List.copyOf(thresholds.values()));
    p.put(BudgetType.CHANNELS, channels);
    layout.add(Resource.of(address(BUDGET, names.budget(b.name())), BUDGET, item, p, deps));
  }
}
