package dev.fnctl.engine;

import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException;
import java.util.List;
import java.util.Map;

/**
 * What apply did. When {@link #succeeded()} is false, {@code done} were made, {@code failed} were
 * tried and failed (with the message), {@code notStarted} were never tried: the user reruns apply
 * to converge.
 *
 * @param outputs endpoint URLs and the like, from the provider after a successful apply
 * @param interrupted the applying thread was interrupted (Ctrl-C, a CI job cancel): no change was
 *     started after that, the ones in flight were finished (their waits cut short)
 * @param failureKinds the kind of each failure, by address, so every view names it the same way on
 *     every provider
 */
public record ApplyReport(
    List<ResourceChange> done,
    Map<ResourceChange, String> failed,
    List<ResourceChange> notStarted,
    Map<String, String> outputs,
    boolean interrupted,
    Map<String, ProviderException.Kind> failureKinds) {

  public ApplyReport {
    failureKinds = failureKinds == null ? Map.of() : Map.copyOf(failureKinds);
  }

  public ApplyReport(
      List<ResourceChange> done,
      Map<ResourceChange, String> failed,
      List<ResourceChange> notStarted,
      Map<String, String> outputs,
      boolean interrupted) {
    this(done, failed, notStarted, outputs, interrupted, Map.of());
  }

  /** A run that was not interrupted. */
  public ApplyReport(
      List<ResourceChange> done,
      Map<ResourceChange, String> failed,
      List<ResourceChange> notStarted,
      Map<String, String> outputs) {
    this(done, failed, notStarted, outputs, false);
  }

  public boolean succeeded() {
    return failed.isEmpty() && notStarted.isEmpty();
  }

  /** The kind of a failed change's failure ({@code OTHER} when the provider did not say). */
  public ProviderException.Kind kindOf(ResourceChange change) {
    return failureKinds.getOrDefault(change.address(), ProviderException.Kind.OTHER);
  }
}
