package dev.fnctl.model.spec;

import java.math.BigDecimal;
import java.util.List;

/**
 * A cost limit for the stack, as code. {@code currency} is an ISO 4217 code (default USD);
 * providers whose budgets have no currency field use the billing account's and say so in validation
 * if it must be USD.
 */
public record Budget(
    String name, BigDecimal amount, String currency, Period period, List<Alert> alerts) {

  public enum Period {
    MONTHLY,
    QUARTERLY,
    YEARLY;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Notify {@code recipients} (email addresses) when spend reaches {@code percent} of the amount,
   * actual spend or, when {@code forecast}, forecast spend.
   */
  public record Alert(int percent, boolean forecast, List<String> recipients) {}
}
