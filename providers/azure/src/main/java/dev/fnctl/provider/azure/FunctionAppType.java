package dev.fnctl.provider.azure;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function app on Flex Consumption ({@code Microsoft.Web/sites}, kind {@code functionapp,linux})
 * with a system-assigned identity and its {@code functionAppConfig}: deployment storage (its own
 * container in the host account, read with that identity), runtime, and {@code scaleAndConcurrency}
 * (instance memory, maximum instances from {@code concurrency.max}, always ready instances from
 * {@code concurrency.warm}).
 *
 * <p>The package is deployed with OneDeploy ({@code /api/publish} on the app's SCM site), which on
 * Flex Consumption stores it in the deployment container and restarts the app on it; its SHA-256 is
 * then written to the {@code fnctl-package} tag. The tag is written last, so a run killed between
 * the deployment and the tag deploys again rather than believing it done.
 */
final class FunctionAppType implements ResourceType {
  static final String LOCATION = "location";
  static final String PLAN = "plan";
  static final String RUNTIME = "runtime";
  static final String RUNTIME_VERSION = "runtimeVersion";
  static final String MEMORY = "memory";
  static final String MAX_INSTANCES = "maxInstances";
  static final String ALWAYS_READY = "alwaysReady";
  static final String DEPLOYMENT_STORAGE = "deploymentStorage";
  static final String PACKAGE = "package";

  /** Outputs. */
  static final String PRINCIPAL_ID = "principalId";

  static final String HOST_NAME = "hostName";
  static final String ID = "id";

  /** The tag holding the deployed package's SHA-256. */
  static final String PACKAGE_TAG = "fnctl-package";

  /** What the layout hands apply: the function's package and whether it has http triggers. */
  record Payload(String function, AzurePackage pkg, boolean http) {}

  private final AzureSession s;

  FunctionAppType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.FUNCTION_APP;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    return put(a, desired, after, null, d);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live, Deadline d)
      throws ProviderException {
    return put(a, desired, after, live, d);
  }

  private Map<String, Object> put(
      Address a, Resource desired, Map<String, Object> after, LiveResource live, Deadline d)
      throws ProviderException {
    Payload payload = (Payload) desired.payload();
    String wanted = String.valueOf(after.get(PACKAGE));
    String deployed = live == null ? null : (String) live.properties().get(PACKAGE);
    // The PUT keeps whatever package tag the app has until the new package is in place.
    Map<String, Object> r =
        s.arm.put(s.sitePath(a.name()), ApiVersions.WEB, body(after, deployed, payload), d);
    if (!wanted.equals(deployed)) {
      if (payload == null || payload.pkg() == null)
        throw new ProviderException(
            ProviderException.Kind.INVALID, a + ": no package to deploy (an offline expansion)");
      Path zip = payload.pkg().write();
      try {
        s.arm.publish(s.publishUrl(a.name(), r), java.nio.file.Files.readAllBytes(zip), d);
      } catch (java.io.IOException e) {
        throw new ProviderException(a + ": cannot read its package " + zip + ": " + e, e);
      } finally {
        CodeArchive.delete(zip);
      }
      r = s.arm.put(s.sitePath(a.name()), ApiVersions.WEB, body(after, wanted, payload), d);
    }
    return outputs(r);
  }

  private Map<String, Object> body(Map<String, Object> after, String packageTag, Payload payload)
      throws ProviderException {
    String[] storage = String.valueOf(after.get(DEPLOYMENT_STORAGE)).split("/", 2);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("location", after.get(LOCATION));
    body.put("kind", "functionapp,linux");
    body.put("identity", Map.of("type", "SystemAssigned"));
    body.put("tags", s.tags(packageTag == null ? Map.of() : Map.of(PACKAGE_TAG, packageTag)));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "serverFarmId",
        "/subscriptions/"
            + s.names.subscription()
            + "/resourceGroups/"
            + s.names.resourceGroup()
            + "/providers/Microsoft.Web/serverfarms/"
            + after.get(PLAN));
    props.put("httpsOnly", true);
    props.put("siteConfig", Map.of("minTlsVersion", "1.2"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "deployment",
        Map.of(
            "storage",
            Map.of(
                "type",
                "blobContainer",
                "value",
                s.data.blobEndpoint(storage[0]) + storage[1],
                "authentication",
                Map.of("type", "SystemAssignedIdentity"))));
    Map<String, Object> scale = new LinkedHashMap<>();
    scale.put("maximumInstanceCount", after.get(MAX_INSTANCES));
    scale.put("instanceMemoryMB", after.get(MEMORY));
    long warm = ((Number) after.get(ALWAYS_READY)).longValue();
    List<Map<String, Object>> ready = new ArrayList<>();
    if (warm > 0) {
      // Always-ready instances are per group on Flex: "http" for all of an app's HTTP functions,
      // "function:<name>" for any other; each app is one neutral function, so one entry.
      String group =
          payload != null && payload.http()
              ? "http"
              : "function:" + (payload == null ? "" : payload.function());
      ready.add(Map.of("name", group, "instanceCount", warm));
    }
    scale.put("alwaysReady", ready);
    config.put("scaleAndConcurrency", scale);
    config.put(
        "runtime", Map.of("name", after.get(RUNTIME), "version", after.get(RUNTIME_VERSION)));
    props.put("functionAppConfig", config);
    body.put("properties", props);
    return body;
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    s.arm.delete(s.sitePath(a.name()), ApiVersions.WEB, d);
  }

  /** A site as ARM returns it, normalised to the layout's properties. */
  static Map<String, Object> properties(Map<String, Object> r) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(LOCATION, Locations.normalise(String.valueOf(r.get("location"))));
    String farm = String.valueOf(Arm.at(r, "properties", "serverFarmId"));
    p.put(PLAN, farm.substring(farm.lastIndexOf('/') + 1));
    p.put(RUNTIME, Arm.at(r, "properties", "functionAppConfig", "runtime", "name"));
    p.put(RUNTIME_VERSION, Arm.at(r, "properties", "functionAppConfig", "runtime", "version"));
    p.put(
        MEMORY,
        number(
            Arm.at(
                r, "properties", "functionAppConfig", "scaleAndConcurrency", "instanceMemoryMB")));
    p.put(
        MAX_INSTANCES,
        number(
            Arm.at(
                r,
                "properties",
                "functionAppConfig",
                "scaleAndConcurrency",
                "maximumInstanceCount")));
    long warm = 0;
    if (Arm.at(r, "properties", "functionAppConfig", "scaleAndConcurrency", "alwaysReady")
        instanceof List<?> ready)
      for (Object o : ready)
        if (o instanceof Map<?, ?> m && m.get("instanceCount") instanceof Number n)
          warm += n.longValue();
    p.put(ALWAYS_READY, warm);
    p.put(DEPLOYMENT_STORAGE, deploymentStorage(r));
    p.put(PACKAGE, Arm.at(r, "tags", PACKAGE_TAG));
    return p;
  }

  /**
   * {@code https://<account>.blob.core.windows.net/<container>} as {@code <account>/<container>}.
   */
  static String deploymentStorage(Map<String, Object> r) {
    Object v = Arm.at(r, "properties", "functionAppConfig", "deployment", "storage", "value");
    if (v == null) return null;
    try {
      java.net.URI u = java.net.URI.create(v.toString());
      String path = u.getPath().replaceAll("^/+|/+$", "");
      String host = u.getHost();
      // An emulator serves accounts as a path (http://127.0.0.1:10000/<account>/<container>).
      if (host != null && host.matches("[0-9.]+|localhost")) return path;
      return host.substring(0, host.indexOf('.')) + "/" + path;
    } catch (RuntimeException e) {
      return v.toString();
    }
  }

  static Map<String, Object> outputs(Map<String, Object> r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put(ID, r.get("id"));
    o.put(PRINCIPAL_ID, Arm.at(r, "identity", "principalId"));
    o.put(HOST_NAME, Arm.at(r, "properties", "defaultHostName"));
    return o;
  }

  private static Object number(Object v) {
    return v instanceof Number n ? (Object) n.longValue() : v;
  }
}
