package dev.fnctl.fake.gcp;

import com.google.cloud.scheduler.v1.CreateJobRequest;
import com.google.cloud.scheduler.v1.DeleteJobRequest;
import com.google.cloud.scheduler.v1.GetJobRequest;
import com.google.cloud.scheduler.v1.HttpMethod;
import com.google.cloud.scheduler.v1.Job;
import com.google.cloud.scheduler.v1.ListJobsRequest;
import com.google.cloud.scheduler.v1.ListJobsResponse;
import com.google.cloud.scheduler.v1.PauseJobRequest;
import com.google.cloud.scheduler.v1.ResumeJobRequest;
import com.google.cloud.scheduler.v1.RetryConfig;
import com.google.cloud.scheduler.v1.SchedulerProto;
import com.google.cloud.scheduler.v1.UpdateJobRequest;
import com.google.protobuf.Duration;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Cloud Scheduler v1 jobs (cloudscheduler.googleapis.com, CloudScheduler in
 * google/cloud/scheduler/v1/cloudscheduler.proto). Jobs carry no labels; the caller names them. The
 * service fills state ENABLED, the time zone (Etc/UTC), the attempt deadline (180s), the retry
 * defaults and the HTTP method (POST), and refuses a schedule that is not five cron fields or a
 * time zone that is not a tz database name.
 */
final class SchedulerApi {
  private static final Pattern JOB_NAME =
      Pattern.compile("projects/[^/]+/locations/[^/]+/jobs/[a-zA-Z0-9_-]{1,500}");
  private static final String SERVICE = "google.cloud.scheduler.v1.CloudScheduler.";

  private final Cloud cloud;

  SchedulerApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(SchedulerProto.getDescriptor().findServiceByName("CloudScheduler"));
    router.handle(SERVICE + "CreateJob", this::create);
    router.handle(
        SERVICE + "GetJob",
        call -> existing(call.request(GetJobRequest.getDefaultInstance()).getName()));
    router.handle(SERVICE + "ListJobs", this::list);
    router.handle(SERVICE + "UpdateJob", this::update);
    router.handle(SERVICE + "DeleteJob", this::delete);
    router.handle(
        SERVICE + "PauseJob",
        call ->
            setState(
                call.request(PauseJobRequest.getDefaultInstance()).getName(), Job.State.PAUSED));
    router.handle(
        SERVICE + "ResumeJob",
        call ->
            setState(
                call.request(ResumeJobRequest.getDefaultInstance()).getName(), Job.State.ENABLED));
  }

  private Job existing(String name) {
    Job job = cloud.resources.get(name, Job.class);
    if (job == null) {
      throw GoogleError.notFound("Job not found.");
    }
    return job;
  }

  private Message create(RpcCall call) {
    CreateJobRequest request = call.request(CreateJobRequest.getDefaultInstance());
    Standard.requireFields(request, "");
    Job input = Standard.withoutOutputOnly(request.getJob());
    String name = input.getName();
    if (!JOB_NAME.matcher(name).matches() || !name.startsWith(request.getParent() + "/jobs/")) {
      throw GoogleError.invalidArgument(
          "Job name must be formatted: \"projects/<PROJECT_ID>/locations/<LOCATION_ID>/jobs/<JOB_ID>\" under "
              + request.getParent()
              + ", got \""
              + name
              + "\".");
    }
    synchronized (cloud) {
      if (cloud.resources.get(name) != null) {
        throw GoogleError.alreadyExists("Job " + name + " already exists.");
      }
      Job job = withDefaults(input.toBuilder().setState(Job.State.ENABLED));
      cloud.resources.put(name, job);
      return job;
    }
  }

  private Job withDefaults(Job.Builder job) {
    String[] fields = job.getSchedule().trim().split("\\s+");
    if (job.getSchedule().isBlank()
        || (fields.length != 5 && !job.getSchedule().startsWith("every "))) {
      throw GoogleError.invalidArgument("Schedule or time zone is invalid.");
    }
    if (job.getTimeZone().isEmpty()) {
      job.setTimeZone("Etc/UTC");
    }
    try {
      ZoneId.of(job.getTimeZone());
    } catch (DateTimeException e) {
      throw GoogleError.invalidArgument("Schedule or time zone is invalid.");
    }
    if (!job.hasAttemptDeadline()) {
      job.setAttemptDeadline(Duration.newBuilder().setSeconds(180));
    }
    RetryConfig.Builder retry = job.getRetryConfigBuilder();
    if (!retry.hasMaxRetryDuration()) {
      retry.setMaxRetryDuration(Duration.getDefaultInstance());
    }
    if (!retry.hasMinBackoffDuration()) {
      retry.setMinBackoffDuration(Duration.newBuilder().setSeconds(5));
    }
    if (!retry.hasMaxBackoffDuration()) {
      retry.setMaxBackoffDuration(Duration.newBuilder().setSeconds(3600));
    }
    if (retry.getMaxDoublings() == 0) {
      retry.setMaxDoublings(5);
    }
    if (job.hasHttpTarget()) {
      if (job.getHttpTarget().getUri().isEmpty()) {
        throw GoogleError.invalidArgument("http_target.uri is required.");
      }
      if (job.getHttpTarget().getHttpMethod() == HttpMethod.HTTP_METHOD_UNSPECIFIED) {
        job.getHttpTargetBuilder().setHttpMethod(HttpMethod.POST);
      }
    }
    return job.setUserUpdateTime(Standard.now()).setScheduleTime(Standard.now()).build();
  }

  private Message list(RpcCall call) {
    ListJobsRequest request = call.request(ListJobsRequest.getDefaultInstance());
    var page =
        Standard.page(
            cloud.resources.list(request.getParent(), "jobs", Job.class),
            request.getPageSize(),
            request.getPageToken(),
            500);
    return ListJobsResponse.newBuilder()
        .addAllJobs(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Message update(RpcCall call) {
    UpdateJobRequest request = call.request(UpdateJobRequest.getDefaultInstance());
    Job current = existing(request.getJob().getName());
    Job updated =
        withDefaults(
            Standard.update(current, request.getJob(), request.getUpdateMask()).toBuilder());
    cloud.resources.put(current.getName(), updated);
    return updated;
  }

  private Message delete(RpcCall call) {
    cloud.resources.remove(
        existing(call.request(DeleteJobRequest.getDefaultInstance()).getName()).getName());
    return Empty.getDefaultInstance();
  }

  private Message setState(String name, Job.State state) {
    Job job = existing(name).toBuilder().setState(state).setUserUpdateTime(Standard.now()).build();
    cloud.resources.put(name, job);
    return job;
  }
}
