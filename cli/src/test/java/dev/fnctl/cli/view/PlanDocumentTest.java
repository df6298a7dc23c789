package dev.fnctl.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.PlanDocument;
import dev.fnctl.model.plan.SensitiveValues;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanDocumentTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "create",
        "update",
        "replace",
        "delete",
        "no-op",
        "unknown",
        "sensitive",
        "secret-reference",
        "mixed"
      })
  void aSavedPlanReadsBackAsTheSameRecord(String name) {
    Plan plan = PlanFixtures.cases().get(name);
    Plan read = PlanDocument.read(PlanDocument.write(plan));
    // Masked values stay masked and sets come back sorted: the file is a fixed point.
    assertEquals(PlanDocument.write(plan), PlanDocument.write(read));
    assertEquals(plan.summary(), read.summary());
    assertEquals(plan.liveDigest(), read.liveDigest());
    assertEquals(plan.specDigest(), read.specDigest());
  }

  @Test
  void sensitiveValuesAreMaskedInTheFile() {
    Plan read = PlanDocument.read(PlanDocument.write(PlanFixtures.cases().get("sensitive")));
    assertEquals(SensitiveValues.MASK, read.changes().get(0).before().get("secrets"));
    assertEquals(SensitiveValues.MASK_CHANGED, read.changes().get(0).after().get("secrets"));
    assertEquals(
        SensitiveValues.MASK_CHANGED,
        ((Map<?, ?>) read.changes().get(0).after().get("env")).get("API_TOKEN"));
    assertEquals("test", ((Map<?, ?>) read.changes().get(0).after().get("env")).get("MODE"));
  }

  @Test
  void anotherFormatVersionIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PlanDocument.read("{\"formatVersion\": \"1.0\", \"changes\": []}"));
    assertTrue(e.getMessage().contains("plan format 1.0 is not supported"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PlanDocument.read("[1, 2]"));
  }
}
