package dev.fnctl.provider;

import java.util.Set;

/**
 * A property value that is an output of another resource ({@code arn}, {@code id}), resolved by the
 * engine from live state when that resource exists and after it is created otherwise. The
 * referenced address is implicitly a dependency.
 *
 * <p>Most outputs are fixed for a resource's lifetime (an id changes only when it is replaced).
 * Some are renewed by an update in place: a Lambda function publishes a new version whenever its
 * code or configuration changes. {@code renewedBy} names the properties of the referenced resource
 * whose change renews the output, so that a plan shows it as known only after apply instead of its
 * stale live value.
 *
 * @param renewedBy properties of the referenced resource whose update renews this output; empty
 *     when only a replacement does
 */
public record Ref(String address, String output, Set<String> renewedBy) {
  public Ref {
    renewedBy = Set.copyOf(renewedBy);
  }

  /** An output that changes only when its resource is replaced. */
  public Ref(String address, String output) {
    this(address, output, Set.of());
  }

  @Override
  public String toString() {
    return "${" + address + "." + output + "}";
  }
}
