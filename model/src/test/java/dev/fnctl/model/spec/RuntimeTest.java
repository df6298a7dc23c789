package dev.fnctl.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeTest {
  @ParameterizedTest
  @CsvSource({
    "python3.12, python, 3.12, 3",
    "python3.9, python, 3.9, 3",
    "nodejs22, nodejs, 22, 22",
    "java21, java, 21, 21",
    "dotnet8, dotnet, 8, 8"
  })
  void parsesNeutralNamesAndWritesThemBack(String id, String language, String version, int major) {
    Runtime r = Runtime.parse(id).orElseThrow();
    assertEquals(new Runtime(language, version), r);
    assertEquals(major, r.major());
    assertEquals(id, r.id());
    assertEquals(id, r.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nodejs20.x", "python312", "python3", "python", "Python3.12", "java21.al2", "node22",
        "nodejs22.1", "java 21", "ruby3.3", "provided.al2023", "dotnet8.0", "java021",
            "python3.012",
        "python2.7", ""
      })
  void refusesEverythingElse(String id) {
    assertTrue(Runtime.parse(id).isEmpty(), id);
  }

  @Test
  void theRecordChecksItsParts() {
    assertThrows(IllegalArgumentException.class, () -> new Runtime("ruby", "3"));
    assertThrows(IllegalArgumentException.class, () -> new Runtime("python", "3"));
    assertThrows(IllegalArgumentException.class, () -> new Runtime("nodejs", "22.x"));
    assertEquals("nodejs22", new Runtime(Runtime.NODEJS, "22").id());
  }
}
