package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** The stack's API Gateway HTTP API; AWS identifies it by a generated id. */
final class HttpApiType implements ResourceType {
  /** {@code HTTP} (API Gateway ProtocolType). */
  static final String PROTOCOL = "protocol";

  /** The output holding the API's invoke URL (API Gateway ApiEndpoint). */
  static final String ENDPOINT = "endpoint";

  private final HttpApis apis;

  HttpApiType(HttpApis apis) {
    this.apis = apis;
  }

  @Override
  public String type() {
    return AwsTypes.API;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return apis.createApi(a.name());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    // A second copy (a create whose reply was lost) is deleted by its id; its name keeps the copy
    // suffix so errors say which one.
    String label = a.copy() == null ? a.name() : a.name() + "#" + a.copy();
    apis.deleteApi(label, ResourceType.id(live));
  }
}
