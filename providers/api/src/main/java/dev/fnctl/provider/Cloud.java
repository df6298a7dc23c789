package dev.fnctl.provider;

import dev.fnctl.model.spec.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session against one target's cloud, opened by {@link Provider#connect}. The engine calls {@link
 * #desired}, {@link #read}, then {@link #apply} once per changed resource, possibly from several
 * threads at once (never for two resources where one depends on the other).
 */
public interface Cloud extends AutoCloseable {

  /** Expands the deployment into this provider's resources. No network. */
  List<Resource> desired(Deployment deployment) throws ProviderException;

  /**
   * Reads live state with as few calls as the APIs allow, in parallel: everything the stack owns,
   * plus whatever exists at the addresses in {@code desired} (owned or not).
   */
  LiveState read(Deployment deployment, List<Resource> desired) throws ProviderException;

  /**
   * Makes one change and returns the resource's outputs afterwards. Every step must be safe to
   * repeat: a re-run after a failure or a kill converges. {@code after} holds the desired
   * properties with every {@link Ref} resolved.
   */
  Map<String, Object> apply(Step step) throws ProviderException;

  /** The stack-and-target lock, kept in the cloud itself. */
  StackLock lock();

  /** Lines to show after a successful apply (endpoint URLs), from live outputs. */
  default Map<String, String> outputs(LiveState live) {
    return Map.of();
  }

  @Override
  default void close() {}

  /**
   * One change to make: {@code CREATE}, {@code UPDATE} or {@code DELETE}. The engine never passes
   * {@code REPLACE} or {@code NO_OP}: a replacement is a {@code DELETE} step, then a {@code CREATE}
   * step of the same address. A {@code CREATE} may find the resource already there (a re-run after
   * a kill) and must then converge rather than fail; a {@code DELETE} of a resource already gone
   * succeeds.
   *
   * @param desired null for a delete
   * @param live null for a create
   * @param after desired properties with references resolved; empty for a delete
   */
  record Step(
      dev.fnctl.model.plan.Action action,
      String address,
      Resource desired,
      LiveResource live,
      Map<String, Object> after) {}

  /** Outputs of a resource, for {@link Optional}-returning look-ups by providers. */
  static Optional<Object> output(LiveResource r, String key) {
    return r == null ? Optional.empty() : Optional.ofNullable(r.outputs().get(key));
  }
}
