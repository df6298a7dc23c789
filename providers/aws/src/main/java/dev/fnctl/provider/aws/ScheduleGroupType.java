package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** The stack's EventBridge Scheduler group: schedules cannot be tagged, the group can. */
final class ScheduleGroupType implements ResourceType {
  private final Schedules schedules;

  ScheduleGroupType(Schedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public String type() {
    return AwsTypes.SCHEDULE_GROUP;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return schedules.createGroup(a.name());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    schedules.deleteGroup(a.name());
  }
}
