package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A stage of the HTTP API: {@code <api>/<stage>}. */
final class StageType implements ResourceType {
  /** The property holding the API id the stage belongs to. */
  static final String API = "api";

  /** Whether every change to the API is deployed to the stage at once (API Gateway AutoDeploy). */
  static final String AUTO_DEPLOY = "autoDeploy";

  /** The output holding the stage name, e.g. {@code $default} (API Gateway StageName). */
  static final String NAME = "name";

  private final HttpApis apis;

  StageType(HttpApis apis) {
    this.apis = apis;
  }

  @Override
  public String type() {
    return AwsTypes.STAGE;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return apis.putStage(a.toString(), a.rest(), after, true);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return apis.putStage(a.toString(), a.rest(), after, false);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    apis.deleteStage(a.toString(), (String) live.properties().get(API), a.rest());
  }
}
