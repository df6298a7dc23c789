package dev.fnctl.provider.aws;

import dev.fnctl.provider.Providers;
import dev.fnctl.testkit.ProviderContract;
import dev.fnctl.testkit.aws.MotoProxy;
import dev.fnctl.testkit.aws.MotoServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS provider passes the contract every provider passes, through the engine, on moto behind
 * the proxy (its strict layer refuses what AWS refuses).
 */
class AwsContractIT extends ProviderContract {
  @RegisterExtension static MotoServer moto = new MotoServer();
  static MotoProxy proxy;

  @BeforeAll
  static void proxy() {
    proxy = new MotoProxy(moto.start().endpoint());
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void freshCloud() {
    moto.reset();
    proxy.resetFakes();
  }

  @Override
  protected Providers providers() {
    return Providers.of(List.of(new AwsProvider()));
  }

  @Override
  protected String target() {
    return "{ provider: aws, region: eu-west-1 }";
  }

  @Override
  protected Map<String, String> env() {
    Map<String, String> env = new HashMap<>(moto.env());
    env.put("AWS_ENDPOINT_URL", proxy.endpoint());
    env.put("FNCTL_AWS_CONSISTENCY_WINDOW_MS", "3000");
    return env;
  }
}
