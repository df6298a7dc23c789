package dev.fnctl.provider.azure;

/**
 * The ARM api-version of each resource type fnctl calls, pinned so that a service's new version
 * never changes what fnctl sends or reads without a change here (checked against the REST reference
 * in Azure/azure-rest-api-specs).
 */
final class ApiVersions {
  private ApiVersions() {}

  /** Resource groups and the tag-filtered resource listing. */
  static final String RESOURCES = "2021-04-01";

  /** Storage accounts, blob containers, queues. */
  static final String STORAGE = "2023-05-01";

  /**
   * Plans and function apps: {@code functionAppConfig} (Flex Consumption) is in 2023-12-01 and
   * later.
   */
  static final String WEB = "2024-04-01";

  static final String AUTHORIZATION = "2022-04-01";
  static final String CONSUMPTION = "2024-08-01";

  /** Event Grid topics and event subscriptions (storage and topic triggers). */
  static final String EVENT_GRID = "2025-02-15";
}
