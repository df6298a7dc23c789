package dev.fnctl.provider.azure;

import dev.fnctl.model.spec.Runtime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the Flex Consumption plan ({@code FC1}) offers, as the Azure Functions documentation states
 * it ("Flex Consumption plan hosting", "Supported languages"): the limits {@code validate} checks
 * before any call.
 */
final class FlexConsumption {
  private FlexConsumption() {}

  /** {@code scaleAndConcurrency.instanceMemoryMB}: the only sizes an instance can have. */
  static final List<Integer> MEMORY_MB = List.of(512, 2048, 4096);

  /** {@code scaleAndConcurrency.maximumInstanceCount}: 40 to 1000, 100 when not set. */
  static final int MIN_INSTANCES = 40;

  static final int MAX_INSTANCES = 1000;
  static final int DEFAULT_MAX_INSTANCES = 100;

  /**
   * The runtimes fnctl deploys to Flex, as {@code functionAppConfig.runtime} name and version. Only
   * the script languages: fnctl writes their {@code function.json} files itself. Java and .NET
   * functions are described by their build (the Maven plugin, the isolated worker's generator), so
   * fnctl does not take them on Azure yet.
   */
  private static final Map<String, FlexRuntime> RUNTIMES =
      Map.of(
          "python3.10", new FlexRuntime("python", "3.10", ".py"),
          "python3.11", new FlexRuntime("python", "3.11", ".py"),
          "python3.12", new FlexRuntime("python", "3.12", ".py"),
          "nodejs20", new FlexRuntime("node", "20", ".js"),
          "nodejs22", new FlexRuntime("node", "22", ".js"));

  static final List<String> OFFERED =
      List.of("python3.10", "python3.11", "python3.12", "nodejs20", "nodejs22");

  /** Time zones a timer trigger runs in on Linux: UTC only (WEBSITE_TIME_ZONE is Windows-only). */
  static final Set<String> UTC_ZONES = Set.of("UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z");

  /** Azure's own name and version of a runtime, and the extension of its handler files. */
  record FlexRuntime(String name, String version, String extension) {}

  static Optional<FlexRuntime> runtime(String neutral) {
    return Optional.ofNullable(RUNTIMES.get(neutral));
  }

  /** Whether {@code neutral} is a language Flex has but fnctl does not deploy there yet. */
  static boolean builtLanguage(String neutral) {
    return Runtime.parse(neutral)
        .map(r -> r.language().equals(Runtime.JAVA) || r.language().equals(Runtime.DOTNET))
        .orElse(false);
  }

  /** The batch size a queue trigger takes ({@code extensions.queues.batchSize}): 1 to 32. */
  static final int MAX_QUEUE_BATCH = 32;
}
