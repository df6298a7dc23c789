package dev.fnctl.provider.azure;

import dev.fnctl.provider.ProviderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every resource type of the Azure provider, each registered once under its type string. */
final class ResourceTypes {
  private final Map<String, ResourceType> byType = new LinkedHashMap<>();

  ResourceTypes(AzureSession session) {
    for (ResourceType t :
        List.of(
            new AccountType(session),
            new ContainerType(session),
            new QueueType(session),
            new PlanType(session),
            new FunctionAppType(session),
            new AppSettingsType(session),
            new RoleAssignmentType(session),
            new BudgetType(session),
            new EventSubscriptionType(session),
            new TopicType(session),
            new SystemTopicType(session))) byType.put(t.type(), t);
  }

  ResourceType of(String type, String address) throws ProviderException {
    ResourceType t = byType.get(type);
    if (t == null)
      throw new ProviderException(
          ProviderException.Kind.INVALID, address + ": the Azure provider has no type " + type);
    return t;
  }

  java.util.Set<String> types() {
    return byType.keySet();
  }
}
