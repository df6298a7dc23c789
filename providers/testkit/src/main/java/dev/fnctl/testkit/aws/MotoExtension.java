package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.extension.Extension;

/**
 * A WireMock extension of the proxy in front of moto: a fake that answers an API moto 5.2.1 lacks
 * ({@code ResponseDefinitionTransformerV2}), or a fix that corrects moto's answer on its way back
 * where moto departs from AWS's API reference ({@code ResponseTransformerV2}). Applied only to the
 * stubs that name it, never globally.
 */
abstract class MotoExtension implements Extension {
  private final String name;

  MotoExtension(String name) {
    this.name = name;
  }

  @Override
  public final String getName() {
    return name;
  }

  /** Overrides the transformer interfaces' default: only the stubs that name this extension. */
  public final boolean applyGlobally() {
    return false;
  }
}
