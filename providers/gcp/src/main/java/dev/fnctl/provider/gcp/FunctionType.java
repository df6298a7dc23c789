package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Cloud Functions (2nd gen) function. */
final class FunctionType implements ResourceType {
  /** Google's runtime id: {@code python312}. */
  static final String RUNTIME = "runtime";

  /** The function (or class) Cloud Functions calls. */
  static final String ENTRY_POINT = "entryPoint";

  /**
   * Memory in MiB, whatever unit Google answers with ({@code 256M}, {@code 256Mi}, {@code 1Gi}).
   */
  static final String MEMORY = "memory";

  static final String TIMEOUT = "timeout";

  /** Plain variables and secret references; Google's own {@code LOG_EXECUTION_ID} is left out. */
  static final String ENVIRONMENT = "environment";

  /** {@code concurrency.max}; Google's default (100) when the spec sets none. */
  static final String MAX_INSTANCES = "maxInstances";

  /** {@code concurrency.warm}; 0 when the spec sets none. */
  static final String MIN_INSTANCES = "minInstances";

  static final String SERVICE_ACCOUNT = "serviceAccount";

  /** The first 40 hex digits of the source zip's SHA-256, kept in the {@code fnctl-code} label. */
  static final String CODE = "code";

  /**
   * {@code ACTIVE} when deployed. A function whose deploy failed stays {@code FAILED} with the
   * settings it was given, so this is what shows it still needs deploying (the update redeploys).
   */
  static final String STATE = "state";

  static final String ACTIVE = "ACTIVE";

  static final long DEFAULT_MAX_INSTANCES = 100;

  /** Outputs: the function's HTTPS URL and its Cloud Run service. */
  static final String URL = "url";

  static final String SERVICE = "service";

  private final Functions functions;

  FunctionType(Functions functions) {
    this.functions = functions;
  }

  @Override
  public String type() {
    return GcpTypes.FUNCTION;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return functions.create(a.name(), after, (FunctionZip) desired.payload());
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return functions.update(a.name(), after, live.properties(), (FunctionZip) desired.payload());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    functions.delete(a.name());
  }
}
