package dev.fnctl.model.plan;

/**
 * The order of a replacement's two steps, chosen by the provider per resource. Creating the new one
 * first keeps the service up while the old one still serves, but only works where two can exist at
 * once (a generated id, a name the provider varies); where the name is fixed, the old one must go
 * first. The symbols are Terraform's, so users read them the same way.
 */
public enum ReplaceMode {
  /** Delete the old one, then create the new one: the name is fixed, two cannot coexist. */
  DELETE_THEN_CREATE("-/+", "delete-then-create"),
  /** Create the new one, then delete the old one: no gap, as the cloud lets both exist at once. */
  CREATE_THEN_DELETE("+/-", "create-then-delete");

  private final String symbol;
  private final String word;

  ReplaceMode(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  public String symbol() {
    return symbol;
  }

  /** The word used in JSON plans. */
  public String word() {
    return word;
  }

  public static ReplaceMode ofWord(String word) {
    for (ReplaceMode m : values()) if (m.word.equals(word)) return m;
    throw new IllegalArgumentException("unknown replace mode " + word);
  }
}
