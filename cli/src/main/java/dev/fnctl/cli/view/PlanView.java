package dev.fnctl.cli.view;

import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.PlanDocument;
import java.io.PrintWriter;

/**
 * Shows a {@link Plan}. Views render; they decide nothing: which changes exist, and why, is all in
 * the record, and both implementations print the same record.
 */
public interface PlanView {

  void show(Plan plan);

  /** For people: grouped by spec item, symbols, {@code before -> after}, secrets masked. */
  static PlanView human(PrintWriter out, Palette palette) {
    return new HumanPlanView(out, palette);
  }

  /**
   * For machines: the record as JSON ({@link PlanDocument}), the same bytes {@code --out} saves.
   */
  static PlanView json(PrintWriter out) {
    return plan -> {
      out.print(PlanDocument.write(plan));
      out.flush();
    };
  }
}
