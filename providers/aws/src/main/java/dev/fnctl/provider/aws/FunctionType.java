package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Lambda function: configuration and code (the {@link LambdaZip} payload). */
final class FunctionType implements ResourceType {
  /** The Lambda runtime id, e.g. {@code java21} (Lambda Runtime). */
  static final String RUNTIME = "runtime";

  /** The entry point Lambda calls, e.g. {@code orders.Handler::handle} (Lambda Handler). */
  static final String HANDLER = "handler";

  /** Memory in MB (Lambda MemorySize). */
  static final String MEMORY = "memory";

  /** Seconds an invocation may run (Lambda Timeout). */
  static final String TIMEOUT = "timeout";

  /** The instruction set, {@code x86_64} or {@code arm64} (Lambda Architectures). */
  static final String ARCHITECTURE = "architecture";

  /** The environment variables, a map of name to value (Lambda Environment.Variables). */
  static final String ENVIRONMENT = "environment";

  /** The ARN of the execution role (Lambda Role). */
  static final String ROLE = "role";

  /** The base64 SHA-256 of the code package (Lambda CodeSha256). */
  static final String CODE_SHA256 = "codeSha256";

  /** The reserved concurrency, or null for none (Lambda PutFunctionConcurrency). */
  static final String RESERVED_CONCURRENCY = "reservedConcurrency";

  /** Whether the function is published as a version for its alias (only on a warm function). */
  static final String PUBLISHED = "published";

  /** The output holding the published version the alias points at (Lambda Version). */
  static final String VERSION = "version";

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
