package dev.fnctl.cli.view;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as a reviewer reads it in a pull request (GitHub-flavoured Markdown): the summary line
 * first, then every destroy and replacement called out, then the changes of each spec item in a
 * collapsible {@code <details>} section.
 *
 * <p>Each change is the text view's own lines ({@link HumanPlanView#showChange}), so values are
 * shown, and sensitive ones masked, exactly as in a terminal; only the action symbol moves to the
 * first column so GitHub's {@code diff} highlighting colours adds and destroys.
 *
 * <p>The whole comment stays within {@link #LIMIT} characters, GitHub's limit for a comment body
 * and close to the job summary's: what does not fit is left out, whole sections first, with a note
 * that says how much and where to see it all.
 */
final class MarkdownPlanView implements PlanView {
  /** GitHub's maximum comment body, in characters. */
  static final int LIMIT = 65_536;

  private final PrintWriter out;
  private final int limit;
  private final String warning;

  /**
   * @param warning said right after the summary line (a plan cut down with {@code --only}); null
   *     for none
   */
  MarkdownPlanView(PrintWriter out, String warning) {
    this(out, LIMIT, warning);
  }

  /** With a smaller limit, so tests can see truncation without a plan of thousands of changes. */
  MarkdownPlanView(PrintWriter out, int limit) {
    this(out, limit, null);
  }

  private MarkdownPlanView(PrintWriter out, int limit, String warning) {
    this.out = out;
    this.limit = limit;
    this.warning = warning;
  }

  @Override
  public void show(Plan plan) {
    out.print(render(plan));
    out.flush();
  }

  String render(Plan plan) {
    String where =
        String.format(
            "Stack `%s` on target `%s` (%s).", plan.stack(), plan.target(), plan.provider());
    String warned = warning == null ? "" : "\n> [!WARNING]\n> " + html(warning) + "\n";
    if (!plan.hasChanges()) {
      return "**No changes.** Your infrastructure matches the spec. " + where + "\n" + warned;
    }
    Plan.Summary s = plan.summary();
    StringBuilder head = new StringBuilder();
    head.append(
        String.format(
            "**Plan: %d to add, %d to change, %d to destroy.** %s%n",
            s.add(), s.change(), s.destroy(), where));
    head.append(warned);
    List<String> destructive = destructive(plan);
    if (!destructive.isEmpty()) {
      head.append("\n> [!CAUTION]\n> This plan destroys or replaces resources:\n>\n");
      for (int i = 0; i < destructive.size(); i++) {
        // Thousands of destroys must still leave room for the sections below.
        if (head.length() > limit / 2) {
          head.append("> - and ").append(destructive.size() - i).append(" more\n");
          break;
        }
        head.append("> - ").append(destructive.get(i)).append('\n');
      }
    }

    List<Section> sections = sections(plan);
    String note = "";
    StringBuilder body = new StringBuilder(head);
    int shown = 0;
    for (Section section : sections) {
      String text = section.render(Integer.MAX_VALUE);
      int left = sections.size() - shown - 1;
      String noteIfMore = left > 0 ? truncationNote(left, sections.size()) : "";
      if (body.length() + text.length() + noteIfMore.length() <= limit) {
        body.append(text);
        shown++;
        continue;
      }
      // This section does not fit whole: show as many of its changes as do, then stop.
      String noteAfterPart = truncationNote(sections.size() - shown, sections.size());
      String part = section.render(limit - body.length() - noteAfterPart.length());
      if (part != null) body.append(part);
      note = noteAfterPart;
      break;
    }
    body.append(note);
    return body.toString().replace(System.lineSeparator(), "\n");
  }

  private static String truncationNote(int notShown, int total) {
    return String.format(
        "%n> [!NOTE]%n> Truncated to fit a %,d-character comment: %d of %d spec items are not shown"
            + " in full. Run `fnctl plan` to see the whole plan.%n",
        LIMIT, notShown, total);
  }

  /** One line per destroyed or replaced resource: the reviewer must not miss these. */
  private static List<String> destructive(Plan plan) {
    List<String> lines = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      if (c.action() != Action.DELETE && c.action() != Action.REPLACE) continue;
      String line =
          String.format(
              "**%s** `%s` (%s)",
              c.action() == Action.DELETE ? "destroy" : "replace", c.address(), itemOf(c));
      if (c.reason() != null && !c.reason().isEmpty()) line += ": " + html(c.reason());
      lines.add(line);
    }
    return lines;
  }

  private static List<Section> sections(Plan plan) {
    Map<String, List<ResourceChange>> groups = new LinkedHashMap<>();
    for (ResourceChange c : plan.changes()) {
      if (c.action() == Action.NO_OP) continue;
      groups.computeIfAbsent(itemOf(c), k -> new ArrayList<>()).add(c);
    }
    List<Section> sections = new ArrayList<>();
    groups.forEach((item, changes) -> sections.add(new Section(item, changes)));
    return sections;
  }

  private static String itemOf(ResourceChange c) {
    return c.item() == null || c.item().isEmpty() ? "stack" : c.item();
  }

  /** One spec item's changes: a collapsed section whose title counts them by action. */
  private record Section(String item, List<ResourceChange> changes) {

    /** The section, or as much of it as fits in {@code room} characters; null if nothing does. */
    String render(int room) {
      List<String> blocks = new ArrayList<>();
      for (ResourceChange c : changes) blocks.add(diffLines(c));
      String fence = fence(String.join("", blocks));
      String open =
          String.format(
              "%n<details><summary><code>%s</code>: %s</summary>%n%n%sdiff%n",
              html(item), counts(), fence);
      String close = fence + "\n\n</details>\n";
      StringBuilder sb = new StringBuilder(open);
      int shown = 0;
      for (String block : blocks) {
        if (sb.length() + block.length() + close.length() > room) break;
        sb.append(block);
        shown++;
      }
      if (shown == 0 && !blocks.isEmpty() && room != Integer.MAX_VALUE) return null;
      return sb.append(close).toString();
    }

    private String counts() {
      Map<Action, Integer> n = new LinkedHashMap<>();
      for (ResourceChange c : changes) n.merge(c.action(), 1, Integer::sum);
      List<String> parts = new ArrayList<>();
      n.forEach((action, count) -> parts.add(count + " to " + verb(action)));
      return String.join(", ", parts);
    }
  }

  /** The summary line's words, so a section's counts read as the plan's. */
  private static String verb(Action action) {
    return switch (action) {
      case CREATE -> "add";
      case UPDATE -> "change";
      case DELETE -> "destroy";
      case REPLACE -> "replace";
      case NO_OP -> "leave";
    };
  }

  /**
   * The text view's lines for one change, with the symbol moved to the first column: {@code diff}
   * highlighting colours a line by its first character.
   */
  private static String diffLines(ResourceChange c) {
    StringWriter sw = new StringWriter();
    PrintWriter pw = new PrintWriter(sw);
    new HumanPlanView(pw, Palette.PLAIN).showChange(c);
    pw.flush();
    StringBuilder sb = new StringBuilder();
    boolean head = true;
    for (String line : sw.toString().split("\\R")) {
      String shifted = line.startsWith("  ") ? line.substring(2) : line;
      if (head) {
        String symbol = c.symbol();
        shifted = String.format("%-3s", symbol) + shifted.strip().substring(symbol.length());
        head = false;
      }
      sb.append(shifted).append('\n');
    }
    return sb.toString();
  }

  /** A code fence longer than any run of backticks inside, so no value can close it early. */
  private static String fence(String content) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < content.length(); i++) {
      run = content.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
