package dev.fnctl.provider;

import dev.fnctl.model.spec.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who a cloud resource belongs to: one stack deployed to one target. Every resource fnctl makes
 * carries {@link #tags()}; only resources whose tags match are ever updated or deleted.
 *
 * <p>The keys are lower case and short because GCP labels are the strictest of the clouds (lower
 * case, at most 63 characters); the same keys are then used everywhere.
 *
 * <p>Physical names are not decided here: each provider names what it makes within its own cloud's
 * limits (the AWS provider's {@code StackNames}, the local provider's {@code LocalNames}).
 */
public record Ownership(String stack, String target) {

  /** The tag/label key holding the stack name. */
  public static final String STACK_KEY = "fnctl-stack";

  /** The tag/label key holding the target name. */
  public static final String TARGET_KEY = "fnctl-target";

  public static Ownership of(Deployment deployment) {
    return new Ownership(deployment.stack(), deployment.target().name());
  }

  /** The tags every owned resource carries, in a stable order. */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(STACK_KEY, stack);
    tags.put(TARGET_KEY, target);
    return java.util.Collections.unmodifiableMap(tags);
  }

  /** True when {@code tags} (as read from the cloud; may be null) mark a resource as ours. */
  public boolean owns(Map<String, ?> tags) {
    return tags != null && stack.equals(tags.get(STACK_KEY)) && target.equals(tags.get(TARGET_KEY));
  }
}
