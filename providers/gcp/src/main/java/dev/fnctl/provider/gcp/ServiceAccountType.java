package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A function's own service account (IAM), found again by its description (no labels here). */
final class ServiceAccountType implements ResourceType {
  static final String DISPLAY_NAME = "displayName";
  static final String EMAIL = "email";

  private final ServiceAccounts accounts;

  ServiceAccountType(ServiceAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public String type() {
    return GcpTypes.SERVICE_ACCOUNT;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return accounts.create(a.name(), (String) after.get(DISPLAY_NAME));
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return accounts.update(a.name(), (String) after.get(DISPLAY_NAME));
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    accounts.delete(a.name());
  }
}
