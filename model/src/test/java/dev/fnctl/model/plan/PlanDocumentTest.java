package dev.fnctl.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.json.JsonException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanDocumentTest {
  private static Plan plan(Plan.Mode mode) {
    return new Plan(
        Plan.FORMAT_VERSION,
        "0.1.0",
        mode,
        "orders",
        "dev",
        "local",
        "fnctl.yaml",
        null,
        "sha256:s",
        "sha256:l",
        List.of(),
        Map.of());
  }

  @Test
  void theModeIsRecordedAndReadBack() {
    for (Plan.Mode mode : Plan.Mode.values()) {
      String text = PlanDocument.write(plan(mode));
      assertTrue(text.contains("\"mode\": \"" + mode.word() + "\""), text);
      assertEquals(mode, PlanDocument.read(text).mode());
      assertEquals(plan(mode), PlanDocument.read(text));
    }
  }

  @Test
  void aPlanWithoutOrWithAnUnknownModeIsRefused() {
    String text = PlanDocument.write(plan(Plan.Mode.APPLY));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> PlanDocument.read(text.replace("  \"mode\": \"apply\",\n", "")));
    assertEquals("mode is missing", missing.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PlanDocument.read(text.replace("\"apply\"", "\"rollback\"")));
  }

  @Test
  void aCutOffFileIsAJsonProblemWithAPosition() {
    String text = PlanDocument.write(plan(Plan.Mode.APPLY));
    JsonException e =
        assertThrows(
            JsonException.class, () -> PlanDocument.read(text.substring(0, text.length() - 10)));
    assertTrue(e.line() > 1, e.getMessage());
  }

  @Test
  void plansOfTheFirstFormatAreRefusedWithWhatToDo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PlanDocument.read("{\"formatVersion\": \"1.0\", \"changes\": []}"));
    assertEquals(
        "plan format 1.0 is not supported (this fnctl reads 2.0): make the plan again with this"
            + " fnctl",
        e.getMessage());
  }
}
