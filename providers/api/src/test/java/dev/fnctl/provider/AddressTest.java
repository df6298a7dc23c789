package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws:lambda:function/orders-prod-resize",
        "aws:s3:notification/orders-prod-uploads/fnctl-orders-prod-resize-storage-1a2b3c4d",
        "aws:apigatewayv2:route/orders-prod/GET /orders/{id}",
        "aws:apigatewayv2:api/orders-prod#a1b2c3",
        "local:queue/jobs"
      })
  void printsWhatItParsed(String printed) {
    assertEquals(printed, Address.parse(printed).toString());
  }

  @Test
  void splitsTypeNameAndCopy() {
    Address a = Address.parse("aws:s3:notification/uploads/fnctl-x#c1");
    assertEquals("aws:s3:notification", a.type());
    assertEquals("uploads/fnctl-x", a.name());
    assertEquals("c1", a.copy());
    assertEquals("uploads", a.first());
    assertEquals("fnctl-x", a.rest());
    Address plain = Address.of("aws:sqs:queue", "orders-prod-jobs");
    assertNull(plain.copy());
    assertEquals("orders-prod-jobs", plain.first());
    assertEquals("", plain.rest());
    assertEquals("aws:sqs:queue/orders-prod-jobs#q2", plain.copy("q2").toString());
    assertEquals("aws:sqs:queue", Address.typeOf("aws:sqs:queue/orders-prod-jobs"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "no-slash", "/name", "type/", "ty pe/name", "type/na#", "type/a#b#c", "t#x/n"})
  void refusesMalformedInput(String printed) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Address.parse(printed));
    assertTrue(e.getMessage().startsWith("malformed address "), e.getMessage());
  }

  @Test
  void refusesMalformedParts() {
    assertThrows(IllegalArgumentException.class, () -> Address.of("aws:sqs:queue", ""));
    assertThrows(IllegalArgumentException.class, () -> Address.of("a/b", "n"));
    assertThrows(IllegalArgumentException.class, () -> Address.of("t", "n").copy(""));
  }
}
