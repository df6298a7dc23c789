package dev.fnctl.engine;

import dev.fnctl.model.plan.ResourceChange;
import java.util.List;
import java.util.Map;

/**
 * What apply did. When {@link #succeeded()} is false, {@code done} were made, {@code failed} were
 * tried and failed (with the message), {@code notStarted} were never tried: the user reruns apply
 * to converge.
 *
 * @param outputs endpoint URLs and the like, from the provider after a successful apply
 * @param interrupted the applying thread was interrupted (Ctrl-C, a CI job cancel): no change was
 *     started after that, the ones in flight were finished
 */
public record ApplyReport(
    List<ResourceChange> done,
    Map<ResourceChange, String> failed,
    List<ResourceChange> notStarted,
    Map<String, String> outputs,
    boolean interrupted) {

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
}
