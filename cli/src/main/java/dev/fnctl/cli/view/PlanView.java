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
   * For pull requests: GitHub Markdown with destroys called out first and each spec item in a
   * collapsible section, within a comment's size limit ({@link MarkdownPlanView}).
   */
  static PlanView markdown(PrintWriter out) {
    return new MarkdownPlanView(out, null);
  }

  /** As {@link #markdown(PrintWriter)}, with a warning right after the summary line. */
  static PlanView markdown(PrintWriter out, String warning) {
    return new MarkdownPlanView(out, warning);
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
