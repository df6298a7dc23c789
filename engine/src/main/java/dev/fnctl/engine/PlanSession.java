package dev.fnctl.engine;

import dev.fnctl.model.plan.Plan;

/**
 * A plan together with the open provider session it was made with, so apply acts on the same
 * expansion and live state the user was shown. Close it when done.
 */
public interface PlanSession extends AutoCloseable {
  Plan plan();

  @Override
  void close();
}
