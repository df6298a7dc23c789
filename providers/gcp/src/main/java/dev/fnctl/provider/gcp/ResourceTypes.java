package dev.fnctl.provider.gcp;

import dev.fnctl.provider.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every resource type the GCP provider manages, registered once and looked up by type string. */
final class ResourceTypes {
  private final Map<String, ResourceType> byType;

  ResourceTypes(GcpServices s) {
    this(
        List.of(
            new ServiceAccountType(s.accounts),
            new FunctionType(s.functions),
            new TopicType(s.topics),
            new BucketType(s.buckets),
            new MemberType(s.policies),
            new JobType(s.jobs),
            new EventTriggerType(s.triggers),
            new BudgetType(s.budgets),
            new ChannelType(s.channels)));
  }

  ResourceTypes(List<ResourceType> types) {
    this.byType =
        types.stream()
            .collect(Collectors.toUnmodifiableMap(ResourceType::type, Function.identity()));
  }

  ResourceType of(String type, String address) throws ProviderException {
    ResourceType t = byType.get(type);
    if (t == null)
      throw new ProviderException("unknown Google Cloud resource type " + type + " at " + address);
    return t;
  }

  java.util.Set<String> types() {
    return byType.keySet();
  }
}
