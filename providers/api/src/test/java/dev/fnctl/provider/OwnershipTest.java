package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private final Ownership own = new Ownership("orders", "prod");

  @Test
  void tags() {
    assertEquals(List.of("fnctl-stack", "fnctl-target"), List.copyOf(own.tags().keySet()));
    assertEquals(Map.of("fnctl-stack", "orders", "fnctl-target", "prod"), own.tags());
  }

  @Test
  void ownsOnlyWithBothTagsMatching() {
    assertTrue(own.owns(Map.of("fnctl-stack", "orders", "fnctl-target", "prod", "team", "x")));
    assertFalse(own.owns(Map.of("fnctl-stack", "orders", "fnctl-target", "dev")));
    assertFalse(own.owns(Map.of("fnctl-stack", "orders")));
    assertFalse(own.owns(Map.of()));
    assertFalse(own.owns(null));
  }
}
