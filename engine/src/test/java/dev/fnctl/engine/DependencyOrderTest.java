package dev.fnctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.provider.ProviderException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

  private static List<String> sort(List<String> items, Map<String, List<String>> deps)
      throws ProviderException {
    return DependencyOrder.sort(items, s -> s, s -> deps.getOrDefault(s, List.of()));
  }

  @Test
  void keepsInputOrderWhereDependenciesAllow() throws Exception {
    assertEquals(List.of("a", "b", "c"), sort(List.of("a", "b", "c"), Map.of()));
    assertEquals(
        List.of("b", "a", "d", "c"),
        sort(List.of("a", "b", "c", "d"), Map.of("a", List.of("b"), "c", List.of("d", "a"))));
  }

  @Test
  void ignoresDependenciesOutsideTheSetAndOnItself() throws Exception {
    assertEquals(
        List.of("a", "b"), sort(List.of("a", "b"), Map.of("a", List.of("elsewhere", "a"))));
  }

  @Test
  void aCycleNamesItsMembers() {
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> sort(List.of("a", "b", "c"), Map.of("a", List.of("b"), "b", List.of("a"))));
    assertTrue(e.getMessage().contains("cycle: a, b"), e.getMessage());
  }
}
