package dev.fnctl.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the golden files cannot show: the size limit and values that look like Markdown. */
class MarkdownPlanViewTest {

  @Test
  void aHugePlanIsTruncatedToTheCommentLimitWithANote() {
    List<ResourceChange> changes = new ArrayList<>();
    for (int i = 0; i < 3000; i++) changes.add(function(i, Action.CREATE));
    String md = render(PlanFixtures.plan(changes), MarkdownPlanView.LIMIT);

    assertTrue(md.length() <= MarkdownPlanView.LIMIT, "length " + md.length());
    assertTrue(md.startsWith("**Plan: 3000 to add, 0 to change, 0 to destroy.**"), md);
    assertTrue(md.contains("Truncated to fit a 65,536-character comment"), md);
    assertTrue(md.contains("Run `fnctl plan` to see the whole plan."), md);
    assertBalanced(md);
  }

  @Test
  void aSectionTooBigForWhatIsLeftIsCutBetweenChanges() {
    List<ResourceChange> changes = new ArrayList<>();
    for (int i = 0; i < 40; i++) changes.add(function(i, Action.DELETE));
    Plan plan = PlanFixtures.plan(changes.stream().map(c -> withItem(c, "function all")).toList());
    String md = render(plan, 4000);

    assertTrue(md.length() <= 4000, "length " + md.length());
    assertTrue(md.contains("1 of 1 spec items are not shown in full"), md);
    assertTrue(md.contains("-   local:function/orders-dev-f0"), md);
    assertBalanced(md);
  }

  @Test
  void destroysAreCalledOutEvenWhenTheirSectionsAreCut() {
    List<ResourceChange> changes = new ArrayList<>();
    for (int i = 0; i < 3000; i++) changes.add(function(i, Action.CREATE));
    changes.add(function(3000, Action.DELETE));
    String md = render(PlanFixtures.plan(changes), MarkdownPlanView.LIMIT);
    int caution = md.indexOf("[!CAUTION]");
    assertTrue(caution > 0 && caution < 200, md.substring(0, 300));
    assertTrue(md.contains("**destroy** `local:function/orders-dev-f3000`"), md);
  }

  @Test
  void aValueWithBackticksCannotCloseTheCodeBlock() {
    ResourceChange c =
        new ResourceChange(
            "local:function/orders-dev-x",
            "local:function",
            "function <x>",
            Action.CREATE,
            "",
            Map.of(),
            Map.of("description", "```\n</details>"),
            Set.of(),
            Set.of(),
            Set.of(),
            List.of());
    String md = render(PlanFixtures.plan(List.of(c)), MarkdownPlanView.LIMIT);
    assertTrue(md.contains("<code>function &lt;x&gt;</code>"), md);
    assertTrue(md.contains("````diff\n"), md);
  }

  private static void assertBalanced(String md) {
    assertEquals(count(md, "<details>"), count(md, "</details>"), md);
    assertEquals(0, count(md, "```") % 2, "unclosed code fence");
    assertFalse(md.contains("\r"));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }

  private static ResourceChange withItem(ResourceChange c, String item) {
    return new ResourceChange(
        c.address(),
        c.type(),
        item,
        c.action(),
        c.reason(),
        c.before(),
        c.after(),
        c.unknown(),
        c.replacedBy(),
        c.sensitive(),
        c.dependsOn());
  }

  private static ResourceChange function(int i, Action action) {
    Map<String, Object> values = Map.of("memory", 128L, "runtime", "python3.12");
    return new ResourceChange(
        "local:function/orders-dev-f" + i,
        "local:function",
        "function f" + i,
        action,
        action == Action.DELETE ? "no longer in the spec" : "",
        action == Action.CREATE ? Map.of() : values,
        action == Action.DELETE ? Map.of() : values,
        Set.of(),
        Set.of(),
        Set.of(),
        List.of());
  }

  private static String render(Plan plan, int limit) {
    StringWriter sw = new StringWriter();
    new MarkdownPlanView(new PrintWriter(sw), limit).show(plan);
    return sw.toString();
  }
}
