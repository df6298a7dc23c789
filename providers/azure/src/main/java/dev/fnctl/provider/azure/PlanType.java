package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Flex Consumption plan: sku {@code FC1}, tier {@code FlexConsumption}, Linux. */
final class PlanType implements ResourceType {
  static final String LOCATION = "location";
  static final String SKU = "sku";

  private final AzureSession s;

  PlanType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.PLAN;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("location", after.get(LOCATION));
    body.put("kind", "functionapp");
    body.put("sku", Map.of("name", after.get(SKU), "tier", "FlexConsumption"));
    body.put("tags", s.tags(Map.of()));
    body.put("properties", Map.of("reserved", true));
    Map<String, Object> r = s.arm.put(s.planPath(a.name()), ApiVersions.WEB, body, d);
    return Map.of("id", String.valueOf(r.get("id")));
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    s.arm.delete(s.planPath(a.name()), ApiVersions.WEB, d);
  }

  static Map<String, Object> properties(Map<String, Object> r) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(LOCATION, Locations.normalise(String.valueOf(r.get("location"))));
    p.put(SKU, Arm.at(r, "sku", "name"));
    return p;
  }
}
