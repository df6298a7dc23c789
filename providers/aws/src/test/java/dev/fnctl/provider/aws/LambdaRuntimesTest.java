package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaRuntimesTest {

  @Test
  void nodeGetsLambdasSuffixOthersKeepTheNeutralName() {
    assertEquals(Optional.of("nodejs22.x"), LambdaRuntimes.lambdaId("nodejs22"));
    assertEquals(Optional.of("python3.12"), LambdaRuntimes.lambdaId("python3.12"));
    assertEquals(Optional.of("java21"), LambdaRuntimes.lambdaId("java21"));
    assertEquals(Optional.of("dotnet8"), LambdaRuntimes.lambdaId("dotnet8"));
  }

  @Test
  void runtimesLambdaDoesNotOfferHaveNoId() {
    assertTrue(LambdaRuntimes.lambdaId("nodejs16").isEmpty());
    assertTrue(LambdaRuntimes.lambdaId("python3.7").isEmpty());
    assertTrue(LambdaRuntimes.lambdaId("nodejs22.x").isEmpty(), "cloud ids are not neutral names");
  }
}
