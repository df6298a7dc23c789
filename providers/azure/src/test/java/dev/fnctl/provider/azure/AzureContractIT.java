package dev.fnctl.provider.azure;

import dev.fnctl.provider.Providers;
import dev.fnctl.testkit.ProviderContract;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Azure provider passes the contract every provider passes, through the engine, on the ARM fake
 * and Azurite. Flex Consumption has no 256 or 512 MB step between its sizes that the contract's
 * change needs, so its memory setting moves from 2048 to 4096 MB instead.
 */
class AzureContractIT extends ProviderContract {
  @RegisterExtension static AzureFakes azure = new AzureFakes();

  @BeforeEach
  void freshGroup() {
    azure.arm.clearFaults();
    azure.resetGroup();
  }

  @Override
  protected Providers providers() {
    return azure.providers();
  }

  @Override
  protected String target() {
    return AzureSamples.target(azure.settings(), false);
  }

  @Override
  protected Map<String, String> env() {
    return azure.env();
  }

  @Override
  protected String spec(int memory) {
    return super.spec(memory <= 256 ? 2048 : 4096);
  }
}
