package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FunctionsTest {
  @Test
  void memoryInEveryUnitGoogleAnswersWithIsMiB() {
    assertEquals(256, Functions.memoryMiB("256M"));
    assertEquals(256, Functions.memoryMiB("256Mi"));
    assertEquals(1024, Functions.memoryMiB("1Gi"));
    assertEquals(2048, Functions.memoryMiB("2G"));
  }

  @Test
  void runtimesAndEntryPoints() {
    assertEquals("python312", GcpRuntimes.googleId("python3.12").orElseThrow());
    assertEquals("nodejs22", GcpRuntimes.googleId("nodejs22").orElseThrow());
    assertTrue(GcpRuntimes.googleId("python3.7").isEmpty());
    assertEquals("handle", GcpRuntimes.entryPoint("python3.12", "main.handle"));
    assertEquals("com.acme.Fn", GcpRuntimes.entryPoint("java21", "com.acme.Fn"));
  }
}
