package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;

/** The resource types of the Azure provider, as {@link dev.fnctl.provider.Resource#type()}. */
final class AzureTypes {
  private AzureTypes() {}

  /** A storage account ({@code Microsoft.Storage/storageAccounts}). */
  static final String ACCOUNT = "azure:storage:account";

  /** A blob container, named {@code <account>/<container>}: a bucket, or an app's deployments. */
  static final String CONTAINER = "azure:storage:container";

  /** A storage queue, named {@code <account>/<queue>}. */
  static final String QUEUE = "azure:storage:queue";

  /** A Flex Consumption ({@code FC1}) plan ({@code Microsoft.Web/serverfarms}). */
  static final String PLAN = "azure:web:plan";

  /** A function app ({@code Microsoft.Web/sites}, kind {@code functionapp,linux}). */
  static final String FUNCTION_APP = "azure:web:functionapp";

  /** The app settings fnctl owns on one function app, named by the app. */
  static final String APP_SETTINGS = "azure:web:appsettings";

  /**
   * A role assignment ({@code Microsoft.Authorization/roleAssignments}), named {@code <app>/<scope
   * key>/<role>}.
   */
  static final String ROLE_ASSIGNMENT = "azure:authorization:roleassignment";

  /**
   * An Event Grid subscription delivering one bucket's blob events (through the data account's
   * system topic) or one topic's events to one function, named {@code <app>/<azure function>}.
   */
  static final String EVENT_SUBSCRIPTION = "azure:eventgrid:subscription";

  /**
   * The Event Grid system topic of the stack's data account ({@code
   * Microsoft.EventGrid/systemTopics}), named as the account: the source of storage triggers.
   */
  static final String SYSTEM_TOPIC = "azure:eventgrid:systemtopic";

  /** An Event Grid custom topic ({@code Microsoft.EventGrid/topics}): a neutral topic. */
  static final String TOPIC = "azure:eventgrid:topic";

  /** A budget on the resource group ({@code Microsoft.Consumption/budgets}). */
  static final String BUDGET = "azure:consumption:budget";

  static String address(String type, String name) {
    return Address.of(type, name).toString();
  }
}
