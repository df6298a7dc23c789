package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.SCHEDULE;
import static dev.fnctl.provider.aws.AwsTypes.SCHEDULE_GROUP;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Tag;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * EventBridge Scheduler. Schedules cannot be tagged, so they live in a schedule group named after
 * the stack and target; the group carries the tags and everything in it is the stack's.
 */
final class Schedules {
  private final AwsSession s;

  Schedules(AwsSession s) {
    this.s = s;
  }

  private SchedulerClient scheduler() {
    return s.clients.scheduler.get();
  }

  /**
   * The group and its schedules. The group's name and so its ARN are known, so its tags are read
   * directly, alongside the list of its schedules: tags naming the stack and target mean the group
   * is there and the stack's (two calls in all). Without them, ListScheduleGroups says whether a
   * group of that name exists at all (someone else's) or not (yet): AWS may answer the tags of a
   * missing group with ResourceNotFoundException or with none.
   */
  @SuppressWarnings("unchecked")
  List<LiveResource> read() throws ProviderException {
    String group = s.names.scheduleGroup();
    String arn = s.names.scheduleGroupArn();
    List<Object> first =
        s.parallel(
            List.of(
                () -> {
                  try {
                    return s.call(
                        "ListTagsForResource",
                        group,
                        () -> scheduler().listTagsForResource(b -> b.resourceArn(arn)).tags());
                  } catch (ProviderException e) {
                    if (e.getCause() instanceof ResourceNotFoundException) return List.of();
                    throw e;
                  }
                },
                () -> schedules(group)));
    List<Tag> tags = (List<Tag>) first.get(0);
    boolean owned =
        tags.stream()
                .anyMatch(
                    t -> t.key().equals(StackNames.STACK_TAG) && t.value().equals(s.names.stack()))
            && tags.stream()
                .anyMatch(
                    t ->
                        t.key().equals(StackNames.TARGET_TAG)
                            && t.value().equals(s.names.target()));
    if (!owned) {
      boolean exists =
          s
              .call(
                  "ListScheduleGroups",
                  group,
                  () -> scheduler().listScheduleGroups(b -> b.namePrefix(group)).scheduleGroups())
              .stream()
              .anyMatch(g -> g.name().equals(group));
      return exists
          ? List.of(
              new LiveResource(
                  AwsTypes.address(SCHEDULE_GROUP, group),
                  SCHEDULE_GROUP,
                  s.names.stackItem(),
                  false,
                  Map.of(),
                  Map.of(ResourceType.ARN, arn)))
          : List.of();
    }
    List<LiveResource> out = new ArrayList<>();
    out.add(
        new LiveResource(
            AwsTypes.address(SCHEDULE_GROUP, group),
            SCHEDULE_GROUP,
            s.names.stackItem(),
            true,
            Map.of(),
            Map.of(ResourceType.ARN, arn)));
    List<ScheduleSummary> summaries = (List<ScheduleSummary>) first.get(1);
    List<Callable<LiveResource>> reads = new ArrayList<>();
    for (ScheduleSummary sum : summaries) reads.add(() -> readSchedule(group, sum.name()));
    for (LiveResource r : s.parallel(reads)) if (r != null) out.add(r);
    return out;
  }

  private List<ScheduleSummary> schedules(String group) throws ProviderException {
    List<ScheduleSummary> summaries = new ArrayList<>();
    String token = null;
    try {
      do {
        String t = token;
        var page =
            s.call(
                "ListSchedules",
                group,
                () ->
                    scheduler()
                        .listSchedules(b -> b.groupName(group).maxResults(100).nextToken(t)));
        summaries.addAll(page.schedules());
        token = page.nextToken();
      } while (token != null);
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) throw e;
    }
    return summaries;
  }

  private LiveResource readSchedule(String group, String name) throws ProviderException {
    GetScheduleResponse r;
    try {
      r =
          s.call(
              "GetSchedule",
              group + "/" + name,
              () -> scheduler().getSchedule(b -> b.groupName(group).name(name)));
    } catch (ProviderException e) {
      if (e.getCause() instanceof ResourceNotFoundException) return null;
      throw e;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ScheduleType.EXPRESSION, r.scheduleExpression());
    p.put(
        ScheduleType.TIMEZONE,
        r.scheduleExpressionTimezone() == null ? "UTC" : r.scheduleExpressionTimezone());
    p.put(ScheduleType.TARGET, r.target() == null ? null : r.target().arn());
    p.put(ScheduleType.ROLE, r.target() == null ? null : r.target().roleArn());
    p.put(ScheduleType.STATE, r.stateAsString() == null ? "ENABLED" : r.stateAsString());
    String fn = StackNames.triggerFunction(name);
    List<String> deps = new ArrayList<>(List.of(AwsTypes.address(SCHEDULE_GROUP, group)));
    if (r.target() != null && r.target().arn() != null) {
      deps.add(AwsTypes.address(AwsTypes.FUNCTION, StackNames.functionName(r.target().arn())));
    }
    if (r.target() != null && r.target().roleArn() != null) {
      deps.add(
          AwsTypes.address(
              AwsTypes.ROLE,
              r.target().roleArn().substring(r.target().roleArn().lastIndexOf('/') + 1)));
    }
    return new LiveResource(
        AwsTypes.address(SCHEDULE, group + "/" + name),
        SCHEDULE,
        "function " + fn,
        true,
        p,
        Map.of(ResourceType.ARN, r.arn()),
        deps);
  }

  /** How long a deleted schedule group may stay DELETING before its name is free again. */
  static final Duration GROUP_DELETION = Duration.ofMinutes(5);

  /**
   * Creates the group. CreateScheduleGroup answers ConflictException both for a group that is there
   * (ours from an interrupted run: done) and for one still DELETING (a destroy a moment ago): that
   * one is waited out, then the group is made.
   */
  Map<String, Object> createGroup(String group) throws ProviderException {
    try {
      return tryCreateGroup(group);
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ConflictException)) throw e;
      if (!"DELETING".equals(groupState(group))) return Map.of();
      s.log.note(
          "CreateScheduleGroup "
              + group
              + ": a group of this name is still being deleted; waiting for it to be gone");
      Optional<String> gone =
          s.await(
              "GetScheduleGroup",
              group,
              () -> {
                String state = groupState(group);
                return state == null ? "gone" : state;
              },
              "gone"::equals,
              Duration.ofSeconds(2),
              Duration.ofSeconds(10),
              GROUP_DELETION);
      if (gone.isEmpty() && !s.deadline().expired())
        throw new ProviderException(
            ProviderException.Kind.CONFLICT,
            "CreateScheduleGroup "
                + group
                + ": the group of this name is still DELETING after "
                + GROUP_DELETION.toMinutes()
                + " minutes; run apply again once it is gone");
      try {
        return tryCreateGroup(group);
      } catch (ProviderException again) {
        if (!(again.getCause() instanceof ConflictException)) throw again;
        return Map.of();
      }
    }
  }

  /** The group's state (ACTIVE, DELETING), or null when there is none. */
  private String groupState(String group) throws ProviderException {
    try {
      return s.call(
          "GetScheduleGroup",
          group,
          () -> scheduler().getScheduleGroup(b -> b.name(group)).stateAsString());
    } catch (ProviderException e) {
      if (e.getCause() instanceof ResourceNotFoundException) return null;
      throw e;
    }
  }

  private Map<String, Object> tryCreateGroup(String group) throws ProviderException {
    String arn =
        s.call(
            "CreateScheduleGroup",
            group,
            () ->
                scheduler()
                    .createScheduleGroup(
                        b ->
                            b.name(group)
                                .tags(
                                    Tag.builder()
                                        .key(StackNames.STACK_TAG)
                                        .value(s.names.stack())
                                        .build(),
                                    Tag.builder()
                                        .key(StackNames.TARGET_TAG)
                                        .value(s.names.target())
                                        .build()))
                    .scheduleGroupArn());
    return Map.of(ResourceType.ARN, arn);
  }

  void deleteGroup(String group) throws ProviderException {
    try {
      s.call(
          "DeleteScheduleGroup", group, () -> scheduler().deleteScheduleGroup(b -> b.name(group)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) throw e;
    }
  }

  Map<String, Object> put(String group, String name, Map<String, Object> after, boolean create)
      throws ProviderException {
    Call op = create ? Call.CREATE : Call.UPDATE;
    try {
      return Map.of(ResourceType.ARN, write(op, group, name, after));
    } catch (ProviderException e) {
      if (create && e.getCause() instanceof ConflictException)
        return Map.of(ResourceType.ARN, write(Call.UPDATE, group, name, after));
      throw e;
    }
  }

  private enum Call {
    CREATE,
    UPDATE
  }

  private String write(Call op, String group, String name, Map<String, Object> after)
      throws ProviderException {
    String expression = (String) after.get(ScheduleType.EXPRESSION);
    String timezone = (String) after.get(ScheduleType.TIMEZONE);
    String target = (String) after.get(ScheduleType.TARGET);
    String role = (String) after.get(ScheduleType.ROLE);
    String state = (String) after.get(ScheduleType.STATE);
    // The scheduler's role was maybe made a moment ago; IAM is eventually consistent.
    Predicate<AwsServiceException> propagation =
        e ->
            e instanceof ValidationException
                && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("role");
    if (op == Call.CREATE) {
      return s.callRetrying(
          "CreateSchedule",
          group + "/" + name,
          propagation,
          () ->
              scheduler()
                  .createSchedule(
                      b ->
                          b.groupName(group)
                              .name(name)
                              .scheduleExpression(expression)
                              .scheduleExpressionTimezone(timezone)
                              .state(state)
                              .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                              .target(t -> t.arn(target).roleArn(role)))
                  .scheduleArn());
    }
    return s.callRetrying(
        "UpdateSchedule",
        group + "/" + name,
        propagation,
        () ->
            scheduler()
                .updateSchedule(
                    b ->
                        b.groupName(group)
                            .name(name)
                            .scheduleExpression(expression)
                            .scheduleExpressionTimezone(timezone)
                            .state(state)
                            .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                            .target(t -> t.arn(target).roleArn(role)))
                .scheduleArn());
  }

  void delete(String group, String name) throws ProviderException {
    try {
      s.call(
          "DeleteSchedule",
          group + "/" + name,
          () -> scheduler().deleteSchedule(b -> b.groupName(group).name(name)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) throw e;
    }
  }
}
