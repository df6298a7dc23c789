package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * Answers, in moto's place, an API that moto 5.2.1 lacks, written from AWS's API reference.
 * Applied only to the stubs that name it, never globally.
 */
abstract class MotoFake implements ResponseDefinitionTransformerV2 {
  private final String name;

  MotoFake(String name) {
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
