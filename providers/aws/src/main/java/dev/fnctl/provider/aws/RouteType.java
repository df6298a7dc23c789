package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A route of the HTTP API: {@code <api>/<route key>}, e.g. {@code orders-prod/GET /orders}. */
final class RouteType implements ResourceType {
  /** The property holding the route key, {@code GET /orders}. */
  /** The property holding the API id the route belongs to (as on a stage). */
  static final String API = StageType.API;

  static final String ROUTE_KEY = "routeKey";

  /** The id of the integration the route sends requests to (API Gateway Target). */
  static final String INTEGRATION = "integration";

  /** {@code AWS_IAM} or {@code NONE} (API Gateway AuthorizationType). */
  static final String AUTHORIZATION = "authorization";

  private final HttpApis apis;

  RouteType(HttpApis apis) {
    this.apis = apis;
  }

  @Override
  public String type() {
    return AwsTypes.ROUTE;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return apis.putRoute(a.toString(), after, null);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return apis.putRoute(a.toString(), after, ResourceType.id(live));
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    apis.deleteRoute(a.toString(), (String) live.properties().get(API), ResourceType.id(live));
  }
}
