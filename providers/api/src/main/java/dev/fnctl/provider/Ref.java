package dev.fnctl.provider;

/**
 * A property value that is an output of another resource ({@code arn}, {@code id}), resolved by
 * the engine from live state when that resource exists and after it is created otherwise. The
 * referenced address is implicitly a dependency.
 */
public record Ref(String address, String output) {
  @Override
  public String toString() {
    return "${" + address + "." + output + "}";
  }
}
