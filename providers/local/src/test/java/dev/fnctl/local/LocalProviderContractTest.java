package dev.fnctl.local;

import dev.fnctl.provider.Providers;
import dev.fnctl.testkit.ProviderContract;
import java.util.List;

/** The local target passes the provider contract every provider must pass. */
class LocalProviderContractTest extends ProviderContract {

  @Override
  protected Providers providers() {
    return Providers.of(List.of(new LocalProvider()));
  }

  @Override
  protected String target() {
    return "{ provider: local, dir: .state }";
  }
}
