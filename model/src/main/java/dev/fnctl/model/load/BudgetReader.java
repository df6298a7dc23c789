package dev.fnctl.model.load;

import dev.fnctl.model.spec.Budget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code budgets:}. The limits (5 alerts, 10 recipients each) are the strictest
 * among the clouds' budget services.
 */
final class BudgetReader {
  static final int ALERTS_MAX = 5;
  static final int RECIPIENTS_MAX = 10;
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
  private static final Pattern PERCENT = Pattern.compile("^\\s*(\\d{1,6})\\s*%?\\s*$");

  private BudgetReader() {}

  static Budget read(String name, SpecNode node) {
    Map<String, SpecNode> f =
        node.fields(
            "a map of budget settings (amount, currency, period, alerts)",
            List.of("amount", "currency", "period", "alerts"));
    BigDecimal amount = null;
    if (!f.containsKey("amount")) {
      if (node.isMap() || node.isEmptyValue())
        node.missing("amount", "add the limit in the budget's currency, e.g. amount: 200");
    } else {
      amount = f.get("amount").decimal();
      if (amount != null && amount.signum() <= 0) {
        f.get("amount").problem("amount must be more than 0, got " + amount.toPlainString());
        amount = null;
      }
    }
    String currency = "USD";
    if (f.containsKey("currency")) {
      currency = f.get("currency").text();
      if (currency != null && !CURRENCY.matcher(currency).matches()) {
        f.get("currency")
            .problem(
                "currency '"
                    + currency
                    + "' is not an ISO 4217 code: write 3 upper-case letters, e.g. USD or EUR");
        currency = null;
      }
    }
    Budget.Period period = Budget.Period.MONTHLY;
    if (f.containsKey("period")) {
      String word = f.get("period").word(List.of("monthly", "quarterly", "yearly"));
      period = word == null ? null : Budget.Period.valueOf(word.toUpperCase(Locale.ROOT));
    }
    List<Budget.Alert> alerts = f.containsKey("alerts") ? alerts(f.get("alerts")) : List.of();
    if (amount == null || currency == null || period == null || alerts == null) return null;
    return new Budget(name, amount, currency, period, alerts);
  }

  private static List<Budget.Alert> alerts(SpecNode node) {
    List<SpecNode> items =
        node.items("a list of alerts, e.g. [{at: 80%, notify: [ops@example.com]}]");
    if (items.size() > ALERTS_MAX) {
      items
          .get(ALERTS_MAX)
          .problem(
              "a budget has at most "
                  + ALERTS_MAX
                  + " alerts (the strictest cloud's limit); this one has "
                  + items.size());
    }
    List<Budget.Alert> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean ok = true;
    for (SpecNode item : items) {
      Budget.Alert a = alert(item);
      if (a == null) {
        ok = false;
      } else if (!seen.add(a.percent() + "/" + a.forecast())) {
        item.problem(
            "an alert at "
                + a.percent()
                + "% of "
                + (a.forecast() ? "forecast" : "actual")
                + " spend is already defined; merge their recipients");
        ok = false;
      } else {
        out.add(a);
      }
    }
    return ok && items.size() <= ALERTS_MAX ? List.copyOf(out) : null;
  }

  private static Budget.Alert alert(SpecNode item) {
    Map<String, SpecNode> f =
        item.fields(
            "an alert such as {at: 80%, notify: [ops@example.com]}",
            List.of("at", "forecast", "notify"));
    Integer percent = null;
    if (!f.containsKey("at")) {
      if (item.isMap() || item.isEmptyValue())
        item.missing("at", "add the threshold in percent of the amount, e.g. at: 80%");
    } else {
      percent = percent(f.get("at"));
    }
    Boolean forecast = f.containsKey("forecast") ? f.get("forecast").bool() : Boolean.FALSE;
    List<String> recipients = null;
    if (!f.containsKey("notify")) {
      if (item.isMap() || item.isEmptyValue())
        item.missing("notify", "list who is emailed, e.g. notify: [ops@example.com]");
    } else {
      recipients = recipients(f.get("notify"));
    }
    if (percent == null || forecast == null || recipients == null) return null;
    return new Budget.Alert(percent, forecast, recipients);
  }

  private static Integer percent(SpecNode node) {
    String t = node.text();
    if (t == null) return null;
    var m = PERCENT.matcher(t);
    if (!m.matches()) {
      node.problem("'" + t + "' is not a percentage: write it as 80% or 80");
      return null;
    }
    int p = Integer.parseInt(m.group(1));
    if (p < 1 || p > 1000) {
      node.problem(p + "% is out of range: use 1% to 1000% of the amount");
      return null;
    }
    return p;
  }

  private static List<String> recipients(SpecNode node) {
    List<SpecNode> items = node.items("a list of email addresses");
    if (items.isEmpty()) {
      if (node.isEmptyValue() || node.kind().equals("a list")) {
        node.problem("notify must list at least one email address");
      }
      return null;
    }
    if (items.size() > RECIPIENTS_MAX) {
      items
          .get(RECIPIENTS_MAX)
          .problem(
              "an alert notifies at most "
                  + RECIPIENTS_MAX
                  + " addresses (the strictest cloud's limit); this one lists "
                  + items.size());
    }
    List<String> out = new ArrayList<>();
    boolean ok = items.size() <= RECIPIENTS_MAX;
    for (SpecNode item : items) {
      String email = item.text();
      if (email == null) {
        ok = false;
      } else if (!EMAIL.matcher(email).matches()) {
        item.problem("'" + email + "' is not an email address");
        ok = false;
      } else if (out.contains(email)) {
        item.problem(email + " is listed twice");
        ok = false;
      } else {
        out.add(email);
      }
    }
    return ok ? List.copyOf(out) : null;
  }
}
