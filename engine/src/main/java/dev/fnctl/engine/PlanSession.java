package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.plan.Plan;
import java.util.List;

/**
 * A plan together with the open provider session it was made with, so apply acts on the same
 * expansion and live state the user was shown. Close it when done.
 */
public interface PlanSession extends AutoCloseable {
  Plan plan();

  /**
   * What validation warned about in the spec the plan was made from (never an error: those refuse
   * the spec before planning). The CLI prints them before the plan.
   */
  default List<Diagnostic> warnings() {
    return List.of();
  }

  @Override
  void close();
}
