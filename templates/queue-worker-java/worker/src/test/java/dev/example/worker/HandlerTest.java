package dev.example.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerTest {

  private static Map<String, Object> batch(String... bodies) {
    List<Map<String, Object>> records =
        java.util.stream.IntStream.range(0, bodies.length)
            .mapToObj(i -> Map.<String, Object>of("messageId", "m" + i, "body", bodies[i]))
            .toList();
    return Map.of("Records", records);
  }

  @Test
  void countsWordsAndCharacters() {
    assertEquals(new Handler.Result(3, 11), Handler.work("  a bb  c  "));
  }

  @Test
  void aBatchOfGoodJobsSucceeds() {
    assertEquals(Map.of("done", 2), new Handler().handleRequest(batch("one", "two words")));
  }

  @Test
  void aBadJobFailsTheBatchNamingIt() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new Handler().handleRequest(batch("fine", " ", "also fine")));
    assertEquals("1 job(s) failed: m1", e.getMessage());
  }
}
