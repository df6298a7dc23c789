package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {
  private final Variables vars =
      new Variables(Map.of("REGION", "eu-west-1", "EMPTY", ""), "orders", "prod");

  @Test
  void replacesEachKind() {
    assertEquals("orders-prod-eu-west-1", vars.resolve("${stack}-${target}-${env:REGION}"));
    assertEquals("us-east-1", vars.resolve("${env:UNSET:-us-east-1}"));
    assertEquals("", vars.resolve("${env:UNSET:-}"));
    assertEquals(
        "", vars.resolve("${env:EMPTY:-not used}"), "a set but empty variable is used as is");
    assertEquals("a:-b", vars.resolve("${env:UNSET:-a:-b}"));
    assertEquals("plain text", vars.resolve("plain text"));
  }

  @Test
  void aDefaultMayItselfUseVariables() {
    assertEquals("eu-west-1", vars.resolve("${env:UNSET:-${env:REGION}}"));
    assertEquals("orders-x", vars.resolve("${env:UNSET:-${env:ALSO_UNSET:-${stack}-x}}"));
    assertEquals(
        "eu-west-1!",
        vars.resolve("${env:REGION:-${env:UNSET}}!"),
        "a default not needed is not resolved");
    assertEquals("${literal}", vars.resolve("${env:UNSET:-$${literal}}"));
    IllegalArgumentException unset =
        assertThrows(
            IllegalArgumentException.class, () -> vars.resolve("${env:UNSET:-${env:ALSO_UNSET}}"));
    assertTrue(
        unset.getMessage().startsWith("environment variable ALSO_UNSET is not set"),
        unset.getMessage());
    assertThrows(IllegalArgumentException.class, () -> vars.resolve("${env:UNSET:-${env:REGION}"));
  }

  @Test
  void dollarDollarBraceIsALiteral() {
    assertEquals("${stack} costs $5", vars.resolve("$${stack} costs $5"));
    assertEquals("$$5 orders", vars.resolve("$$5 ${stack}"), "only $${ is an escape");
  }

  @Test
  void valuesAreNotResolvedTwice() {
    Variables v = new Variables(Map.of("X", "${stack}"), "orders", "prod");
    assertEquals("${stack}", v.resolve("${env:X}"));
  }

  @Test
  void explainsWhatIsWrong() {
    assertTrue(
        message("${env:UNSET}")
            .contains("UNSET is not set; set it or give a default: ${env:UNSET:-value}"));
    assertTrue(message("${user}").startsWith("unknown variable ${user}"));
    assertTrue(message("${stak}").contains("did you mean ${stack}?"));
    assertTrue(message("${env:REGION").contains("not closed"));
    assertTrue(message("${env:}").contains("does not name an environment variable"));
    Variables forStack = new Variables(Map.of(), null, null);
    assertThrows(IllegalArgumentException.class, () -> forStack.resolve("${stack}"));
    assertThrows(IllegalArgumentException.class, () -> forStack.resolve("${target}"));
  }

  private String message(String text) {
    return assertThrows(IllegalArgumentException.class, () -> vars.resolve(text)).getMessage();
  }
}
