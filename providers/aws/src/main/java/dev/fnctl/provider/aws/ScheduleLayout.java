package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The stack's EventBridge Scheduler group and role (shared by every schedule) and one schedule per
 * schedule trigger.
 */
final class ScheduleLayout {
  static final String SCHEDULER_TRUST = "scheduler.amazonaws.com";

  private final StackLayout layout;
  private final StackNames names;

  ScheduleLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  /** The group and the role every schedule uses; the role may invoke exactly these functions. */
  void schedulerBase(List<String> scheduledFunctionArns) {
    Map<String, Object> group = new LinkedHashMap<>();
    layout.add(
        Resource.of(
            address(SCHEDULE_GROUP, names.scheduleGroup()),
            SCHEDULE_GROUP,
            names.stackItem(),
            group,
            List.of()));
    Map<String, Object> role = new LinkedHashMap<>();
    role.put(RoleType.TRUST, SCHEDULER_TRUST);
    role.put(RoleType.MANAGED_POLICIES, List.of());
    role.put(
        RoleType.POLICY,
        FunctionLayout.policyDocument(
            List.of(
                new FunctionLayout.Statement(
                    "InvokeScheduledFunctions",
                    new TreeSet<>(List.of("lambda:InvokeFunction")),
                    new TreeSet<>(scheduledFunctionArns)))));
    role.put(RoleType.OTHER_POLICIES, Map.of());
    layout.add(
        Resource.of(
            address(ROLE, names.schedulerRole()), ROLE, names.stackItem(), role, List.of()));
  }

  /** The resources of one {@code schedule} trigger of function {@code f}. */
  void trigger(Deployment d, FunctionSpec f, Trigger.Schedule s) {
    String item = "function " + f.name();
    String target = layout.invokeArn(f);
    List<String> targetDeps = layout.invokeDeps(f);
    Map<String, Object> sp = new LinkedHashMap<>();
    sp.put(
        ScheduleType.EXPRESSION,
        s.cron() != null ? ScheduleExpression.cron(s.cron()) : ScheduleExpression.rate(s.rate()));
    sp.put(ScheduleType.TIMEZONE, s.timezone() == null ? "UTC" : s.timezone());
    sp.put(ScheduleType.TARGET, target);
    sp.put(ScheduleType.ROLE, names.roleArn(names.schedulerRole()));
    sp.put(ScheduleType.STATE, "ENABLED");
    layout.add(
        Resource.of(
            address(SCHEDULE, names.scheduleGroup() + "/" + f.name() + "-" + s.slug()),
            SCHEDULE,
            item,
            sp,
            StackLayout.concat(
                List.of(
                    address(SCHEDULE_GROUP, names.scheduleGroup()),
                    address(ROLE, names.schedulerRole())),
                targetDeps)));
  }
}
