package dev.fnctl.provider.aws;

import dev.fnctl.provider.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every resource type the AWS provider manages, registered once and looked up by type string. */
final class ResourceTypes {
  private final Map<String, ResourceType> byType;

  ResourceTypes(AwsServices s, StackNames names) {
    this(
        List.of(
            new RoleType(s.roles),
            new FunctionType(s.functions),
            new AliasType(s.aliases),
            new PermissionType(s.permissions),
            new EventSourceType(s.eventSources),
            new QueueType(s.queues),
            new TopicType(s.topics),
            new SubscriptionType(s.topics),
            new BucketType(s.buckets, names),
            new NotificationType(s.buckets),
            new ScheduleGroupType(s.schedules),
            new ScheduleType(s.schedules),
            new HttpApiType(s.apis),
            new StageType(s.apis),
            new IntegrationType(s.apis),
            new RouteType(s.apis),
            new BudgetType(s.budgets)));
  }

  ResourceTypes(List<ResourceType> types) {
    this.byType =
        types.stream()
            .collect(Collectors.toUnmodifiableMap(ResourceType::type, Function.identity()));
  }

  /** The handler of {@code type}; an unknown type is a provider error naming the resource. */
  ResourceType of(String type, String address) throws ProviderException {
    ResourceType t = byType.get(type);
    if (t == null)
      throw new ProviderException("unknown AWS resource type " + type + " at " + address);
    return t;
  }

  /** The registered type strings. */
  java.util.Set<String> types() {
    return byType.keySet();
  }
}
