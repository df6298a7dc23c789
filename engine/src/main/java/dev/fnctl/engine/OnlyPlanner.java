package dev.fnctl.engine;

import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.List;

/**
 * The planner with {@link Only} applied to what it returns. Both planning and the check of a saved
 * plan go through the planner, so a saved {@code --only} plan is compared with the same cut.
 */
final class OnlyPlanner extends Planner {
  private final Only only;

  OnlyPlanner(String stack, String target, Only only) {
    super(stack, target);
    this.only = only;
  }

  @Override
  List<ResourceChange> plan(List<Resource> desired, LiveState live, Engine.PlanMode mode)
      throws ProviderException {
    return only.select(super.plan(desired, live, mode));
  }
}
