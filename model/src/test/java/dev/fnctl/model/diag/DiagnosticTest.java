package dev.fnctl.model.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
  private static final Position AT = new Position("fnctl.yaml", 3, 5);

  @Test
  void anErrorRendersAsBeforeAndAWarningSaysSo() {
    assertEquals(
        "fnctl.yaml:3:5: functions.x.memory: too much",
        new Diagnostic(AT, "functions.x.memory", "too much").render());
    assertEquals(
        "fnctl.yaml:3:5: warning: functions.x.env.TOKEN: looks like a key",
        Diagnostic.warning(AT, "functions.x.env.TOKEN", "looks like a key").render());
    assertEquals(
        "fnctl.yaml: warning: empty",
        Diagnostic.warning(Position.ofFile("fnctl.yaml"), "", "empty").render());
  }

  @Test
  void onlyErrorsRefuse() {
    Diagnostic warning = Diagnostic.warning(AT, "p", "w");
    assertFalse(Diagnostic.anyError(List.of(warning)));
    assertTrue(Diagnostic.anyError(List.of(warning, new Diagnostic(AT, "p", "e"))));
    assertEquals(Severity.ERROR, new Diagnostic(AT, "p", "e").severity());
  }

  @Test
  void controlCharactersAreEscapedSoAMessageIsOneHarmlessLine() {
    String rendered =
        new Diagnostic(AT, "functions.a\tb", "name 'x\u001b[31m\ny\r' and \u2028 too").render();
    assertEquals(
        "fnctl.yaml:3:5: functions.a\\tb: name 'x\\u001b[31m\\ny\\r' and \\u2028 too", rendered);
    assertTrue(rendered.chars().noneMatch(Character::isISOControl), rendered);
    assertEquals("plain text stays", Diagnostic.escape("plain text stays"));
  }
}
