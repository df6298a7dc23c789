package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  private static final List<String> FIELDS = List.of("runtime", "memory", "timeout", "handler");

  @Test
  void suggestsTheClosestForTyposAndSwaps() {
    assertEquals(Optional.of("memory"), DidYouMean.closest("memroy", FIELDS));
    assertEquals(Optional.of("timeout"), DidYouMean.closest("timout", FIELDS));
    assertEquals(Optional.of("handler"), DidYouMean.closest("Handler", FIELDS));
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertEquals(Optional.empty(), DidYouMean.closest("colour", FIELDS));
    assertEquals(Optional.empty(), DidYouMean.closest("x", FIELDS));
  }

  @Test
  void countsEdits() {
    assertEquals(0, DidYouMean.distance("abc", "abc"));
    assertEquals(1, DidYouMean.distance("abc", "acb"));
    assertEquals(3, DidYouMean.distance("", "abc"));
    assertEquals(3, DidYouMean.distance("kitten", "sitting"));
  }
}
