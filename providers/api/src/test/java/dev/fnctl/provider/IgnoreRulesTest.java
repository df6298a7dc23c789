package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

  @Test
  void unanchoredPatternsMatchNamesAtAnyDepth() {
    IgnoreRules r = IgnoreRules.of(List.of("*.pyc", "tmp?"));
    assertTrue(r.ignores("a.pyc", false));
    assertTrue(r.ignores("x/y/a.pyc", false));
    assertTrue(r.ignores("x/tmp1", true));
    assertFalse(r.ignores("a.py", false));
    assertFalse(r.ignores("x/tmp12", false));
  }

  @Test
  void anchoredPatternsMatchFromTheTop() {
    IgnoreRules r = IgnoreRules.of(List.of("/dist", "docs/*.md"));
    assertTrue(r.ignores("dist", true));
    assertFalse(r.ignores("src/dist", true));
    assertTrue(r.ignores("docs/a.md", false));
    assertFalse(r.ignores("docs/sub/a.md", false));
  }

  @Test
  void doubleStarCrossesDirectories() {
    IgnoreRules r = IgnoreRules.of(List.of("**/fixtures/**", "logs/**/*.log"));
    assertTrue(r.ignores("fixtures/a", false));
    assertTrue(r.ignores("a/b/fixtures/c/d", false));
    assertTrue(r.ignores("logs/a.log", false));
    assertTrue(r.ignores("logs/x/y/a.log", false));
    assertFalse(r.ignores("other/a.log", false));
  }

  @Test
  void directoryOnlyNegationAndClassesWork() {
    IgnoreRules r =
        IgnoreRules.of(List.of("out/", "*.[oa]", "!keep.a", "# a comment", "\\#literal"));
    assertTrue(r.ignores("out", true));
    assertFalse(r.ignores("out", false));
    assertTrue(r.ignores("x.o", false));
    assertTrue(r.ignores("x.a", false));
    assertFalse(r.ignores("keep.a", false));
    assertFalse(r.ignores("x.c", false));
    assertTrue(r.ignores("#literal", false));
  }
}
