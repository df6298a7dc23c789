package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The app settings fnctl owns on one function app. Azure keeps an app's settings as one document
 * that a PUT replaces whole, and the platform and other tools write there too (Application
 * Insights, a portal edit): so every write reads the whole set, changes only fnctl's keys and
 * writes it back. Which keys are fnctl's is recorded in the {@value #OWNED_KEY} setting, so a key
 * fnctl no longer wants is removed and a key it never wrote is never touched or shown.
 */
final class AppSettingsType implements ResourceType {
  static final String SETTINGS = "settings";

  /** The setting that lists, comma-separated, the keys fnctl owns on the app. */
  static final String OWNED_KEY = "FNCTL_SETTINGS";

  private final AzureSession s;

  AppSettingsType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.APP_SETTINGS;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    @SuppressWarnings("unchecked")
    Map<String, Object> wanted = (Map<String, Object>) after.get(SETTINGS);
    Map<String, Object> all = read(a.name());
    if (all == null)
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND, a + ": function app " + a.name() + " is not there");
    for (String k : owned(all)) all.remove(k);
    for (Map.Entry<String, Object> e : wanted.entrySet())
      all.put(e.getKey(), String.valueOf(e.getValue()));
    all.put(OWNED_KEY, String.join(",", new TreeMap<>(wanted).keySet()));
    write(a.name(), all, d);
    return Map.of();
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    Map<String, Object> all = read(a.name());
    if (all == null) return;
    for (String k : owned(all)) all.remove(k);
    all.remove(OWNED_KEY);
    write(a.name(), all, d);
  }

  /** Every setting of the app, or null when the app is gone. */
  Map<String, Object> read(String app) throws ProviderException {
    try {
      Map<String, Object> r =
          s.arm.post(s.sitePath(app) + "/config/appsettings/list", ApiVersions.WEB, null);
      Object props = r.get("properties");
      Map<String, Object> out = new LinkedHashMap<>();
      if (props instanceof Map<?, ?> m)
        for (var e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
      return out;
    } catch (ProviderException e) {
      if (e.kind() == ProviderException.Kind.NOT_FOUND) return null;
      throw e;
    }
  }

  private void write(String app, Map<String, Object> all, Deadline d) throws ProviderException {
    s.arm.put(
        s.sitePath(app) + "/config/appsettings", ApiVersions.WEB, Map.of("properties", all), d);
  }

  /** The keys {@value #OWNED_KEY} lists. */
  static List<String> owned(Map<String, Object> all) {
    Object v = all.get(OWNED_KEY);
    List<String> out = new ArrayList<>();
    if (v != null) for (String k : v.toString().split(",")) if (!k.isBlank()) out.add(k.trim());
    return out;
  }

  /** The live properties: only fnctl's keys, in the layout's shape. */
  static Map<String, Object> properties(Map<String, Object> all) {
    Map<String, Object> mine = new TreeMap<>();
    for (String k : owned(all)) if (all.containsKey(k)) mine.put(k, String.valueOf(all.get(k)));
    return Map.of(SETTINGS, mine);
  }
}
