package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.ALIAS;
import static dev.fnctl.provider.aws.AwsTypes.FUNCTION;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The alias {@code live} of a function with {@code concurrency.warm}, and the provisioned
 * concurrency on it. Provisioned concurrency cannot be put on $LATEST, only on a published version
 * or an alias; putting it on the alias lets it follow every new version, and the triggers invoke
 * the alias so that their traffic lands on the warm instances.
 */
final class FunctionAliases {
  /** Provisioned concurrency takes minutes to allocate; Terraform waits up to 15 as well. */
  private static final long ALLOCATION_TIMEOUT_MILLIS = 15 * 60_000;

  private final AwsSession s;

  FunctionAliases(AwsSession s) {
    this.s = s;
  }

  private LambdaClient lambda() {
    return s.clients.lambda.get();
  }

  /** The alias as read: the version it points to, that version's configuration, the resource. */
  record Live(String version, FunctionConfiguration configuration, LiveResource resource) {}

  /**
   * One GetFunction of the alias (its version's configuration) and its provisioned concurrency;
   * null without an alias.
   */
  Live read(String function, boolean owned) throws ProviderException {
    String alias = function + ":" + StackNames.ALIAS;
    FunctionConfiguration c;
    try {
      c =
          s.call(
                  "GetFunction",
                  alias,
                  () ->
                      lambda()
                          .getFunction(b -> b.functionName(function).qualifier(StackNames.ALIAS)))
              .configuration();
    } catch (ProviderException e) {
      if (e.getCause() instanceof ResourceNotFoundException) return null;
      throw e;
    }
    GetProvisionedConcurrencyConfigResponse pc = provisioned(function);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(AliasType.VERSION, c.version());
    p.put(
        AliasType.PROVISIONED_CONCURRENCY,
        pc == null || pc.requestedProvisionedConcurrentExecutions() == null
            ? null
            : pc.requestedProvisionedConcurrentExecutions().longValue());
    String neutral = s.names.neutral(function);
    LiveResource r =
        new LiveResource(
            AwsTypes.address(ALIAS, alias),
            ALIAS,
            "function " + (neutral == null ? function : neutral),
            owned,
            p,
            Map.of(ResourceType.ARN, s.names.aliasArn(function)),
            List.of(AwsTypes.address(FUNCTION, function)));
    return new Live(c.version(), c, r);
  }

  private GetProvisionedConcurrencyConfigResponse provisioned(String function)
      throws ProviderException {
    try {
      return s.call(
          "GetProvisionedConcurrencyConfig",
          function + ":" + StackNames.ALIAS,
          () ->
              lambda()
                  .getProvisionedConcurrencyConfig(
                      b -> b.functionName(function).qualifier(StackNames.ALIAS)));
    } catch (ProviderException e) {
      if (e.getCause() instanceof ProvisionedConcurrencyConfigNotFoundException
          || e.getCause() instanceof ResourceNotFoundException) {
        return null;
      }
      throw e;
    }
  }

  Map<String, Object> create(String function, Map<String, Object> after) throws ProviderException {
    // The tag first: a run stopped after CreateAlias must still find the alias to remove it later.
    tag(function);
    String version = (String) after.get(AliasType.VERSION);
    try {
      s.callRetrying(
          "CreateAlias",
          function + ":" + StackNames.ALIAS,
          LambdaFunctions::isUpdateInProgress,
          () ->
              lambda()
                  .createAlias(
                      b ->
                          b.functionName(function)
                              .name(StackNames.ALIAS)
                              .functionVersion(version)
                              .description("fnctl " + s.names.stack() + "/" + s.names.target())));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceConflictException)) throw e;
      // Made by an earlier run that was stopped before it finished.
      point(function, version);
    }
    allocate(function, (Long) after.get(AliasType.PROVISIONED_CONCURRENCY), true);
    return Map.of(ResourceType.ARN, s.names.aliasArn(function));
  }

  Map<String, Object> update(String function, Map<String, Object> after, Map<String, Object> before)
      throws ProviderException {
    tag(function);
    boolean moved = !Objects.equals(after.get(AliasType.VERSION), before.get(AliasType.VERSION));
    if (moved) point(function, (String) after.get(AliasType.VERSION));
    boolean resized =
        !Objects.equals(
            after.get(AliasType.PROVISIONED_CONCURRENCY),
            before.get(AliasType.PROVISIONED_CONCURRENCY));
    // Moving the alias re-allocates its provisioned concurrency on the new version: wait for that
    // too.
    if (moved || resized)
      allocate(function, (Long) after.get(AliasType.PROVISIONED_CONCURRENCY), resized);
    return Map.of(ResourceType.ARN, s.names.aliasArn(function));
  }

  void delete(String function) throws ProviderException {
    // Each part may be gone already, or with its function (DeleteFunction removes its aliases).
    String alias = function + ":" + StackNames.ALIAS;
    removeProvisioned(function);
    unlessGone(
        () ->
            s.callRetrying(
                "DeleteAlias",
                alias,
                LambdaFunctions::isUpdateInProgress,
                () -> lambda().deleteAlias(b -> b.functionName(function).name(StackNames.ALIAS))));
    unlessGone(
        () ->
            s.call(
                "UntagResource",
                function,
                () ->
                    lambda()
                        .untagResource(
                            b ->
                                b.resource(s.names.functionArn(function))
                                    .tagKeys(StackNames.ALIAS_TAG))));
  }

  private void removeProvisioned(String function) throws ProviderException {
    unlessGone(
        () ->
            s.callRetrying(
                "DeleteProvisionedConcurrencyConfig",
                function + ":" + StackNames.ALIAS,
                LambdaFunctions::isUpdateInProgress,
                () ->
                    lambda()
                        .deleteProvisionedConcurrencyConfig(
                            b -> b.functionName(function).qualifier(StackNames.ALIAS))));
  }

  private static void unlessGone(AwsSession.Call<?> call) throws ProviderException {
    try {
      call.run();
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)
          && !(e.getCause() instanceof ProvisionedConcurrencyConfigNotFoundException)) {
        throw e;
      }
    } catch (Exception e) {
      throw new ProviderException(e.getMessage(), e);
    }
  }

  private void tag(String function) throws ProviderException {
    s.call(
        "TagResource",
        function,
        () ->
            lambda()
                .tagResource(
                    b ->
                        b.resource(s.names.functionArn(function))
                            .tags(Map.of(StackNames.ALIAS_TAG, StackNames.ALIAS))));
  }

  private void point(String function, String version) throws ProviderException {
    s.callRetrying(
        "UpdateAlias",
        function + ":" + StackNames.ALIAS,
        LambdaFunctions::isUpdateInProgress,
        () ->
            lambda()
                .updateAlias(
                    b -> b.functionName(function).name(StackNames.ALIAS).functionVersion(version)));
  }

  /**
   * Sets (or, for null, removes) the alias's provisioned concurrency and waits until it is
   * allocated.
   */
  private void allocate(String function, Long executions, boolean put) throws ProviderException {
    String alias = function + ":" + StackNames.ALIAS;
    if (executions == null) {
      removeProvisioned(function);
      return;
    }
    if (put) {
      s.callRetrying(
          "PutProvisionedConcurrencyConfig",
          alias,
          LambdaFunctions::isUpdateInProgress,
          () ->
              lambda()
                  .putProvisionedConcurrencyConfig(
                      b ->
                          b.functionName(function)
                              .qualifier(StackNames.ALIAS)
                              .provisionedConcurrentExecutions(executions.intValue())));
    }
    // No SDK waiter exists for provisioned concurrency; the SDK's waiter machinery polls it.
    java.util.Optional<java.util.Optional<GetProvisionedConcurrencyConfigResponse>> settled =
        s.await(
            "GetProvisionedConcurrencyConfig",
            alias,
            () -> java.util.Optional.ofNullable(provisioned(function)),
            o ->
                o.isEmpty()
                    || o.get().status() == ProvisionedConcurrencyStatusEnum.READY
                    || o.get().status() == ProvisionedConcurrencyStatusEnum.FAILED,
            java.time.Duration.ofMillis(500),
            java.time.Duration.ofSeconds(10),
            java.time.Duration.ofMillis(ALLOCATION_TIMEOUT_MILLIS));
    if (settled.isEmpty()) {
      throw new ProviderException(
          ProviderException.Kind.TIMEOUT,
          alias
              + ": provisioned concurrency still allocating after 15 minutes; AWS goes on allocating it"
              + " (aws lambda get-provisioned-concurrency-config --function-name "
              + function
              + " --qualifier "
              + StackNames.ALIAS
              + ")");
    }
    GetProvisionedConcurrencyConfigResponse pc = settled.get().orElse(null);
    if (pc == null)
      throw new ProviderException(
          alias
              + ": provisioned concurrency was removed (outside fnctl?) while it was being allocated; run apply again to put it back");
    if (pc.status() == ProvisionedConcurrencyStatusEnum.FAILED) {
      throw new ProviderException(
          ProviderException.Kind.QUOTA,
          alias
              + ": provisioned concurrency of "
              + executions
              + " could not be allocated: "
              + pc.statusReason()
              + " (lower concurrency.warm, or ask AWS to raise the account's concurrency quota)");
    }
  }
}
