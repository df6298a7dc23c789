package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * The {@code live} alias of a warm function, which holds its provisioned concurrency. Its address
 * names the qualified function ({@code orders-prod-resize:live}).
 */
final class AliasType implements ResourceType {
  /** The function version the alias points at (Lambda FunctionVersion). */
  static final String VERSION = "version";

  /** Instances kept warm on the alias (Lambda ProvisionedConcurrentExecutions). */
  static final String PROVISIONED_CONCURRENCY = "provisionedConcurrency";

  private final FunctionAliases aliases;

  AliasType(FunctionAliases aliases) {
    this.aliases = aliases;
  }

  @Override
  public String type() {
    return AwsTypes.ALIAS;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return aliases.create(StackNames.functionName(a.name()), after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return aliases.update(StackNames.functionName(a.name()), after, live.properties());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    aliases.delete(StackNames.functionName(a.name()));
  }
}
