package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Lambda function: configuration and code (the {@link LambdaZip} payload). */
final class FunctionType implements ResourceType {
  private final LambdaFunctions functions;

  FunctionType(LambdaFunctions functions) {
    this.functions = functions;
  }

  @Override
  public String type() {
    return AwsTypes.FUNCTION;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return functions.create(a.name(), after, code(desired));
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return functions.update(a.name(), after, live.properties(), live.outputs(), code(desired));
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    functions.delete(a.name());
  }

  private static LambdaZip code(Resource desired) {
    return desired != null && desired.payload() instanceof LambdaZip c ? c : null;
  }
}
