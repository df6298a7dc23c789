package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.FUNCTION;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Lambda functions. One GetFunction per function returns configuration, tags and reserved
 * concurrency together. Lambda applies changes asynchronously: every change waits until the
 * function is ready again before the next one.
 */
final class LambdaFunctions {
  /** Lambda's direct-upload limit (zipped, before base64); larger packages go through S3. */
  static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;

  private final AwsSession s;
  private final long directUploadLimit;
  private final ArtifactBucket artifacts;
  private final FunctionAliases aliases;

  LambdaFunctions(
      AwsSession s, long directUploadLimit, ArtifactBucket artifacts, FunctionAliases aliases) {
    this.s = s;
    this.directUploadLimit = directUploadLimit;
    this.artifacts = artifacts;
    this.aliases = aliases;
  }

  private LambdaClient lambda() {
    return s.clients.lambda.get();
  }

  /**
   * What a published version holds: when any of these changes, a warm function publishes a new
   * version and its alias moves to it.
   */
  static final java.util.Set<String> VERSION_CONTENT =
      java.util.Set.of(
          FunctionType.RUNTIME,
          FunctionType.HANDLER,
          FunctionType.MEMORY,
          FunctionType.TIMEOUT,
          FunctionType.ARCHITECTURE,
          FunctionType.ENVIRONMENT,
          FunctionType.ROLE,
          FunctionType.CODE_SHA256);

  /**
   * The function at this name, owned or not, with its alias when fnctl keeps one (or the spec wants
   * one); empty when there is no function.
   */
  List<LiveResource> read(String name, boolean aliasWanted) throws ProviderException {
    GetFunctionResponse r;
    try {
      r = s.call("GetFunction", name, () -> lambda().getFunction(b -> b.functionName(name)));
    } catch (ProviderException e) {
      if (e.getCause() instanceof ResourceNotFoundException) return List.of();
      throw e;
    }
    if (r.tagsError() != null) {
      // Without lambda:ListTags GetFunction answers with no tags: that is no proof the function
      // is someone else's, so ownership cannot be decided, and guessing either way is harm.
      throw new ProviderException(
          ProviderException.Kind.PERMISSION_DENIED,
          "GetFunction "
              + name
              + ": Lambda returned no tags ("
              + r.tagsError().errorCode()
              + ": "
              + r.tagsError().message()
              + "), so fnctl cannot tell whether the stack owns it; allow lambda:ListTags to the"
              + " identity fnctl runs as",
          "lambda:ListTags",
          null);
    }
    Map<String, String> tags = r.tags() == null ? Map.of() : r.tags();
    boolean owned =
        s.names.stack().equals(tags.get(StackNames.STACK_TAG))
            && s.names.target().equals(tags.get(StackNames.TARGET_TAG));
    FunctionConfiguration c = r.configuration();
    Map<String, Object> p = properties(c);
    p.put(
        FunctionType.RESERVED_CONCURRENCY,
        r.concurrency() != null && r.concurrency().reservedConcurrentExecutions() != null
            ? r.concurrency().reservedConcurrentExecutions().longValue()
            : null);
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put(ResourceType.ARN, c.functionArn());
    List<LiveResource> out = new java.util.ArrayList<>();
    if (aliasWanted || tags.containsKey(StackNames.ALIAS_TAG)) {
      FunctionAliases.Live alias = aliases.read(name, owned);
      // Published: the alias's version holds exactly what $LATEST holds now.
      boolean published = alias != null && properties(alias.configuration()).equals(properties(c));
      p.put(FunctionType.PUBLISHED, published);
      if (published) outputs.put(FunctionType.VERSION, alias.version());
      if (alias != null) out.add(alias.resource());
    }
    String neutral = s.names.neutral(name);
    String role = c.role() == null ? "" : c.role().substring(c.role().lastIndexOf('/') + 1);
    LiveResource function =
        new LiveResource(
            AwsTypes.address(FUNCTION, name),
            FUNCTION,
            "function " + (neutral == null ? name : neutral),
            owned,
            p,
            outputs,
            List.of(AwsTypes.address(AwsTypes.ROLE, role)));
    function = function.withSensitive(secretVariables(p.get(FunctionType.ENVIRONMENT)));
    // Mid-create or mid-update (a killed run): apply waits for Lambda before acting on it.
    if (busy(c))
      function = function.pending(c.state() == State.PENDING ? "being created" : "being updated");
    out.add(0, function);
    return out;
  }

  /**
   * The variables fnctl set to hold secret references ({@code NAME_SECRET_ID}), so that they are
   * masked even in the plan that deletes the function.
   */
  private static java.util.Set<String> secretVariables(Object environment) {
    java.util.Set<String> paths = new java.util.TreeSet<>();
    if (environment instanceof Map<?, ?> env) {
      for (Object key : env.keySet()) {
        if (String.valueOf(key).endsWith(FunctionSpec.secretIdVariable("")))
          paths.add(FunctionType.ENVIRONMENT + "." + key);
      }
    }
    return paths;
  }

  /** The {@link #VERSION_CONTENT} of a configuration ($LATEST or a published version). */
  private static Map<String, Object> properties(FunctionConfiguration c) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(FunctionType.RUNTIME, c.runtimeAsString());
    p.put(FunctionType.HANDLER, c.handler());
    p.put(FunctionType.MEMORY, c.memorySize() == null ? null : c.memorySize().longValue());
    p.put(FunctionType.TIMEOUT, c.timeout() == null ? null : c.timeout().longValue());
    p.put(
        FunctionType.ARCHITECTURE,
        c.hasArchitectures() && !c.architectures().isEmpty()
            ? c.architecturesAsStrings().get(0)
            : "x86_64");
    Map<String, Object> env = new TreeMap<>();
    if (c.environment() != null && c.environment().variables() != null)
      env.putAll(c.environment().variables());
    p.put(FunctionType.ENVIRONMENT, env);
    p.put(FunctionType.ROLE, c.role());
    p.put(FunctionType.CODE_SHA256, c.codeSha256());
    return p;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> create(String name, Map<String, Object> after, LambdaZip code)
      throws ProviderException {
    FunctionCode fc = code(name, code);
    Map<String, String> env = stringMap((Map<String, Object>) after.get(FunctionType.ENVIRONMENT));
    String arn;
    try {
      arn =
          s.callRetrying(
                  "CreateFunction",
                  name,
                  LambdaFunctions::isRolePropagation,
                  () ->
                      lambda()
                          .createFunction(
                              b ->
                                  b.functionName(name)
                                      .runtime((String) after.get(FunctionType.RUNTIME))
                                      .handler((String) after.get(FunctionType.HANDLER))
                                      .memorySize(
                                          ((Long) after.get(FunctionType.MEMORY)).intValue())
                                      .timeout(((Long) after.get(FunctionType.TIMEOUT)).intValue())
                                      .architecturesWithStrings(
                                          (String) after.get(FunctionType.ARCHITECTURE))
                                      .environment(e -> e.variables(env))
                                      .role((String) after.get(FunctionType.ROLE))
                                      .code(fc)
                                      .tags(
                                          Map.of(
                                              StackNames.STACK_TAG,
                                              s.names.stack(),
                                              StackNames.TARGET_TAG,
                                              s.names.target()))
                                      .description(
                                          "fnctl " + s.names.stack() + "/" + s.names.target())))
              .functionArn();
    } catch (ProviderException e) {
      if (!(e.getCause()
          instanceof software.amazon.awssdk.services.lambda.model.ResourceConflictException))
        throw e;
      // Created by an earlier run that was stopped before it finished: bring it to the spec.
      List<LiveResource> live = read(name, Boolean.TRUE.equals(after.get(FunctionType.PUBLISHED)));
      return live.isEmpty()
          ? update(name, after, Map.of(), Map.of(), code)
          : update(name, after, live.get(0).properties(), live.get(0).outputs(), code);
    }
    awaitReady(name);
    Object reserved = after.get(FunctionType.RESERVED_CONCURRENCY);
    if (reserved != null) putConcurrency(name, (Long) reserved);
    return outputs(
        arn,
        Boolean.TRUE.equals(after.get(FunctionType.PUBLISHED))
            ? publish(name, (String) after.get(FunctionType.CODE_SHA256))
            : null);
  }

  private static Map<String, Object> outputs(String arn, Object version) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(ResourceType.ARN, arn);
    if (version != null) out.put(FunctionType.VERSION, version);
    return out;
  }

  /**
   * Publishes $LATEST as a version, for the alias of a warm function. Lambda returns the latest
   * version instead of a new one when nothing changed since it, so a repeated publish is harmless;
   * the expected code hash refuses to publish code that another deploy changed meanwhile.
   */
  private String publish(String name, String codeSha256) throws ProviderException {
    awaitReady(name);
    return s.callRetrying(
        "PublishVersion",
        name,
        LambdaFunctions::isUpdateInProgress,
        () -> lambda().publishVersion(b -> b.functionName(name).codeSha256(codeSha256)).version());
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> update(
      String name,
      Map<String, Object> after,
      Map<String, Object> before,
      Map<String, Object> liveOutputs,
      LambdaZip code)
      throws ProviderException {
    boolean config = false;
    for (String k :
        List.of(
            FunctionType.RUNTIME,
            FunctionType.HANDLER,
            FunctionType.MEMORY,
            FunctionType.TIMEOUT,
            FunctionType.ENVIRONMENT,
            FunctionType.ROLE)) {
      if (!Objects.equals(after.get(k), before.get(k))) config = true;
    }
    if (config) {
      awaitReady(name);
      Map<String, String> env =
          stringMap((Map<String, Object>) after.get(FunctionType.ENVIRONMENT));
      s.callRetrying(
          "UpdateFunctionConfiguration",
          name,
          e -> isRolePropagation(e) || isUpdateInProgress(e),
          () ->
              lambda()
                  .updateFunctionConfiguration(
                      b ->
                          b.functionName(name)
                              .runtime((String) after.get(FunctionType.RUNTIME))
                              .handler((String) after.get(FunctionType.HANDLER))
                              .memorySize(((Long) after.get(FunctionType.MEMORY)).intValue())
                              .timeout(((Long) after.get(FunctionType.TIMEOUT)).intValue())
                              .environment(e -> e.variables(env))
                              .role((String) after.get(FunctionType.ROLE))));
      awaitReady(name);
    }
    boolean arch =
        !Objects.equals(
            after.get(FunctionType.ARCHITECTURE), before.get(FunctionType.ARCHITECTURE));
    if (arch
        || !Objects.equals(
            after.get(FunctionType.CODE_SHA256), before.get(FunctionType.CODE_SHA256))) {
      awaitReady(name);
      FunctionCode fc = code(name, code);
      s.callRetrying(
          "UpdateFunctionCode",
          name,
          LambdaFunctions::isUpdateInProgress,
          () ->
              lambda()
                  .updateFunctionCode(
                      b ->
                          b.functionName(name)
                              .architecturesWithStrings(
                                  (String) after.get(FunctionType.ARCHITECTURE))
                              .zipFile(fc.zipFile())
                              .s3Bucket(fc.s3Bucket())
                              .s3Key(fc.s3Key())));
      awaitReady(name);
    }
    Object reserved = after.get(FunctionType.RESERVED_CONCURRENCY);
    if (!Objects.equals(reserved, before.get(FunctionType.RESERVED_CONCURRENCY))) {
      if (reserved != null) {
        putConcurrency(name, (Long) reserved);
      } else {
        s.call(
            "DeleteFunctionConcurrency",
            name,
            () -> lambda().deleteFunctionConcurrency(b -> b.functionName(name)));
      }
    }
    Object version = null;
    if (Boolean.TRUE.equals(after.get(FunctionType.PUBLISHED))) {
      boolean renewed =
          !Boolean.TRUE.equals(before.get(FunctionType.PUBLISHED))
              || VERSION_CONTENT.stream()
                  .anyMatch(k -> !Objects.equals(after.get(k), before.get(k)));
      version =
          renewed
              ? publish(name, (String) after.get(FunctionType.CODE_SHA256))
              : liveOutputs.get(FunctionType.VERSION);
    }
    return outputs(s.names.functionArn(name), version);
  }

  private void putConcurrency(String name, long reserved) throws ProviderException {
    s.call(
        "PutFunctionConcurrency",
        name,
        () ->
            lambda()
                .putFunctionConcurrency(
                    b -> b.functionName(name).reservedConcurrentExecutions((int) reserved)));
  }

  void delete(String name) throws ProviderException {
    try {
      s.callRetrying(
          "DeleteFunction",
          name,
          LambdaFunctions::isUpdateInProgress,
          () -> lambda().deleteFunction(b -> b.functionName(name)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) throw e;
    }
  }

  private FunctionCode code(String name, LambdaZip code) throws ProviderException {
    if (code == null)
      throw new ProviderException("function " + name + ": no code package to upload");
    Path zip = code.write();
    try {
      if (code.size() <= directUploadLimit)
        return FunctionCode.builder().zipFile(SdkBytes.fromByteArray(read(name, zip))).build();
      String key = artifacts.upload(name, code, zip);
      return FunctionCode.builder().s3Bucket(s.names.artifactBucket()).s3Key(key).build();
    } finally {
      CodeArchive.delete(zip);
    }
  }

  private static byte[] read(String name, Path zip) throws ProviderException {
    try {
      return java.nio.file.Files.readAllBytes(zip);
    } catch (java.io.IOException e) {
      throw new ProviderException("function " + name + ": cannot read its code package: " + e, e);
    }
  }

  /**
   * Waits while Lambda creates or updates the function (State Pending, LastUpdateStatus
   * InProgress), through the SDK's waiter. Lambda's own waiters (FunctionActiveV2,
   * FunctionUpdatedV2) each check one of the two states, so one waiter with both conditions keeps
   * it to one call per poll.
   */
  void awaitReady(String name) throws ProviderException {
    var settled =
        s.await(
            "GetFunctionConfiguration",
            name,
            () -> lambda().getFunctionConfiguration(b -> b.functionName(name)),
            c -> !busy(c),
            java.time.Duration.ofMillis(250),
            java.time.Duration.ofSeconds(5),
            java.time.Duration.ofMinutes(10));
    if (settled.isEmpty())
      throw new ProviderException(
          ProviderException.Kind.TIMEOUT, "function " + name + ": still updating after 10 minutes");
    var c = settled.get();
    if (c.state() == State.FAILED)
      throw new ProviderException("function " + name + " failed: " + c.stateReason());
    if (c.lastUpdateStatus() == LastUpdateStatus.FAILED) {
      throw new ProviderException(
          "function " + name + ": update failed: " + c.lastUpdateStatusReason());
    }
  }

  /** Lambda is still creating or updating it: reading it now would see a half-made function. */
  private static boolean busy(FunctionConfiguration c) {
    return c.state() == State.PENDING || c.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS;
  }

  private static boolean busy(
      software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse c) {
    return c.state() == State.PENDING || c.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS;
  }

  /** IAM is eventually consistent: a role made a moment ago may not yet be assumable by Lambda. */
  static boolean isRolePropagation(AwsServiceException e) {
    String m = String.valueOf(e.getMessage());
    return e instanceof software.amazon.awssdk.services.lambda.model.InvalidParameterValueException
        && (m.contains("cannot be assumed") || m.contains("role defined for the function"));
  }

  static boolean isUpdateInProgress(AwsServiceException e) {
    return e instanceof software.amazon.awssdk.services.lambda.model.ResourceConflictException
        && String.valueOf(e.getMessage()).contains("in progress");
  }

  private static Map<String, String> stringMap(Map<String, Object> m) {
    Map<String, String> out = new TreeMap<>();
    if (m != null) m.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  static Architecture architecture(String a) {
    return Architecture.fromValue(a);
  }
}
