package dev.fnctl.provider;

import dev.fnctl.model.spec.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session against one target's cloud, opened by {@link Provider#connect}. The engine calls {@link
 * #desired}, {@link #read}, then {@link #apply} once per changed resource, possibly from several
 * threads at once: never for two resources where one depends on the other, and never for two
 * entries of one shared document ({@link Resource#container()}).
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

  /**
   * How long one step may take unless the user says otherwise ({@code --step-timeout}): long enough
   * for the slowest operation this cloud has (a function's code update, provisioned concurrency
   * being allocated), short enough that a hung call does not hold the stack lock forever. The
   * step's waits see it as {@link Step#deadline()}.
   */
  default Duration stepTimeout() {
    return Duration.ofMinutes(30);
  }

  /**
   * Waits until a resource that {@link #read} reported as {@link LiveResource#pending()} has
   * settled, and returns it as it is then (pending no more, or gone: null). The engine calls this
   * before the resource's step, so a re-run after a kill waits for (or resumes) the operation the
   * killed run started, instead of acting on a half-made resource. Poll with {@code
   * deadline.pause}, so Ctrl-C and the step timeout stop the wait. A provider that never reports
   * pending resources need not implement it.
   */
  default LiveResource awaitSettled(LiveResource pending, Deadline deadline)
      throws ProviderException {
    throw new ProviderException(
        ProviderException.Kind.CONFLICT,
        pending.address()
            + " is still "
            + pending.pending()
            + " and this provider cannot wait for it; run apply again later");
  }

  /**
   * Whether all of a run's steps on {@code container} reach the cloud as one write ({@link
   * #applyTogether}) instead of one step at a time. Say yes where the document is written whole and
   * an intermediate document can be refused: S3 refuses a notification configuration whose filters
   * overlap, so changing a storage trigger's prefix (the new entry and the old one's removal) must
   * be one PUT, never the new entry beside the old one.
   */
  default boolean writesTogether(String container) {
    return false;
  }

  /**
   * Makes every step on one container (see {@link #writesTogether}) in one write, and returns each
   * address's outputs. The engine passes a replacement as its DELETE and its CREATE in the same
   * list. Read the document once, apply every step to it, write it once (with {@link
   * SharedDocument}); the whole list succeeds or fails together. The default applies the steps one
   * by one.
   */
  default Map<String, Map<String, Object>> applyTogether(String container, List<Step> steps)
      throws ProviderException {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    for (Step s : steps) out.put(s.address(), apply(s));
    return out;
  }

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
   * {@code REPLACE} or {@code NO_OP}: a replacement is two tracked steps of the same address, in
   * the order the resource's {@link Resource#replaceMode()} names. For {@code DELETE_THEN_CREATE}
   * the old one is deleted, then the new one created (the provider may reuse the name). For {@code
   * CREATE_THEN_DELETE} the new one is created while the old one still exists, so that CREATE must
   * make a second object beside it (its {@code live} is the old one), and the DELETE that follows
   * must remove the old one by its live identity ({@code live.outputs()}), never by address alone.
   * A {@code CREATE} may find the resource already there (a re-run after a kill) and must then
   * converge rather than fail; a {@code DELETE} of a resource already gone succeeds.
   *
   * @param desired null for a delete
   * @param live null for a plain create; for the create of a replacement, the one it replaces
   * @param after desired properties with references resolved; empty for a delete
   * @param deadline when the step must end and whether the user interrupted: waits check it
   */
  record Step(
      dev.fnctl.model.plan.Action action,
      String address,
      Resource desired,
      LiveResource live,
      Map<String, Object> after,
      Deadline deadline) {

    public Step {
      deadline = deadline == null ? Deadline.NONE : deadline;
    }

    /** A step with no deadline (tests, tools). */
    public Step(
        dev.fnctl.model.plan.Action action,
        String address,
        Resource desired,
        LiveResource live,
        Map<String, Object> after) {
      this(action, address, desired, live, after, Deadline.NONE);
    }
  }

  /** Outputs of a resource, for {@link Optional}-returning look-ups by providers. */
  static Optional<Object> output(LiveResource r, String key) {
    return r == null ? Optional.empty() : Optional.ofNullable(r.outputs().get(key));
  }
}
