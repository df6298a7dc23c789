package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** The HTTP API's integration with one function: {@code <api>/<function>}. */
final class IntegrationType implements ResourceType {
  /** The property holding the API id the integration belongs to (as on a stage). */
  static final String API = StageType.API;

  /** {@code AWS_PROXY}: the request goes to the function as is (API Gateway IntegrationType). */
  static final String TYPE = "type";

  /** The ARN of the function (or alias) invoked (API Gateway IntegrationUri). */
  static final String URI = "uri";

  /** The event format the function gets, {@code 2.0} (API Gateway PayloadFormatVersion). */
  static final String PAYLOAD_FORMAT = "payloadFormat";

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
        a.toString(), (String) live.properties().get(API), ResourceType.id(live));
  }
}
