package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;

/**
 * Corrects moto's answer on its way back, where moto 5.2.1 departs from AWS's API reference.
 * Applied only to the stubs that name it, never globally.
 */
abstract class MotoFix implements ResponseTransformerV2 {
  private final String name;

  MotoFix(String name) {
    this.name = name;
  }

  @Override
  public final String getName() {
    return name;
  }

  @Override
  public final boolean applyGlobally() {
    return false;
  }
}
