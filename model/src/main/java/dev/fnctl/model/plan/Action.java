package dev.fnctl.model.plan;

/** What a plan does to one resource, with the symbol users see in front of it. */
public enum Action {
  NO_OP(" ", "no-op"),
  CREATE("+", "create"),
  UPDATE("~", "update"),
  REPLACE("-/+", "replace"),
  DELETE("-", "delete");

  private final String symbol;
  private final String word;

  Action(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  public String symbol() {
    return symbol;
  }

  /** The word used in JSON plans and progress lines. */
  public String word() {
    return word;
  }

  public static Action ofWord(String word) {
    for (Action a : values()) if (a.word.equals(word)) return a;
    throw new IllegalArgumentException("unknown action " + word);
  }
}
