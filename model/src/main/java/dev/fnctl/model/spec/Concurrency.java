package dev.fnctl.model.spec;

/**
 * How many instances of a function may run ({@code max}: reserved concurrency on AWS, maximum
 * instances elsewhere) and how many are kept warm ({@code warm}: provisioned concurrency or minimum
 * instances). Either may be null (not set).
 */
public record Concurrency(Integer max, Integer warm) {
  public static final Concurrency NONE = new Concurrency(null, null);
}
