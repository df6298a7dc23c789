package dev.fnctl.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaletteTest {

  @Test
  void colourOnlyForAPersonAtATerminal() {
    assertSame(Palette.ANSI, Palette.forEnvironment(Map.of(), true));
    assertSame(Palette.PLAIN, Palette.forEnvironment(Map.of(), false));
    assertSame(Palette.PLAIN, Palette.forEnvironment(Map.of("NO_COLOR", "1"), true));
    assertSame(Palette.PLAIN, Palette.forEnvironment(Map.of("NO_COLOR", "anything"), true));
    assertSame(
        Palette.ANSI,
        Palette.forEnvironment(Map.of("NO_COLOR", ""), true),
        "an empty NO_COLOR is unset (no-color.org)");
    assertSame(Palette.PLAIN, Palette.forEnvironment(Map.of("TERM", "dumb"), true));
  }

  @Test
  void plainIsTheIdentityAndAnsiWraps() {
    assertEquals("+", Palette.PLAIN.paint(Palette.Style.ADD, "+"));
    assertEquals("\u001b[32m+\u001b[0m", Palette.ANSI.paint(Palette.Style.ADD, "+"));
  }

  @Test
  void theHumanPlanIsColouredOnlyThroughThePalette() {
    var plan = PlanFixtures.cases().get("mixed");
    StringWriter coloured = new StringWriter();
    PlanView.human(new PrintWriter(coloured), Palette.ANSI).show(plan);
    StringWriter plain = new StringWriter();
    PlanView.human(new PrintWriter(plain), Palette.PLAIN).show(plan);
    assertTrue(coloured.toString().contains("\u001b["));
    assertFalse(plain.toString().contains("\u001b"));
    assertEquals(plain.toString(), coloured.toString().replaceAll("\u001b\\[[0-9;]*m", ""));
  }
}
