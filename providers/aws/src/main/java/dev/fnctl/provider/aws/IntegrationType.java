package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** The HTTP API's integration with one function: {@code <api>/<function>}. */
final class IntegrationType implements ResourceType {
  private final HttpApis apis;

  IntegrationType(HttpApis apis) {
    this.apis = apis;
  }

  @Override
  public String type() {
    return AwsTypes.INTEGRATION;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return apis.putIntegration(a.toString(), after, null);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return apis.putIntegration(a.toString(), after, ResourceType.id(live));
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    apis.deleteIntegration(
        a.toString(), (String) live.properties().get(StageType.API), ResourceType.id(live));
  }
}
