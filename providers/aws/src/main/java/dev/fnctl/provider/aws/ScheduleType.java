package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** An EventBridge Scheduler schedule: {@code <group>/<function>-<trigger slug>}. */
final class ScheduleType implements ResourceType {
  /** The {@code cron(...)} or {@code rate(...)} expression (Scheduler ScheduleExpression). */
  static final String EXPRESSION = "expression";

  /**
   * The time zone the expression is read in, e.g. {@code UTC} (Scheduler
   * ScheduleExpressionTimezone).
   */
  static final String TIMEZONE = "timezone";

  /** The ARN of the function (or alias) invoked (Scheduler Target.Arn). */
  static final String TARGET = "target";

  /** The ARN of the role the scheduler invokes with (Scheduler Target.RoleArn). */
  static final String ROLE = "role";

  /** {@code ENABLED} or {@code DISABLED} (Scheduler State). */
  static final String STATE = "state";

  private final Schedules schedules;

  ScheduleType(Schedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public String type() {
    return AwsTypes.SCHEDULE;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return schedules.put(a.first(), a.rest(), after, true);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return schedules.put(a.first(), a.rest(), after, false);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    schedules.delete(a.first(), a.rest());
  }
}
