package dev.fnctl.provider.gcp;

import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.HttpMethod;
import com.google.cloud.scheduler.v1.HttpTarget;
import com.google.cloud.scheduler.v1.Job;
import com.google.cloud.scheduler.v1.ListJobsRequest;
import com.google.cloud.scheduler.v1.OidcToken;
import com.google.protobuf.FieldMask;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cloud Scheduler jobs. Jobs carry no labels: the stack's own are those whose id parses as its own
 * ({@link GcpNames#ownsJob}).
 */
final class SchedulerJobs {
  private final GcpSession session;

  SchedulerJobs(GcpSession session) {
    this.session = session;
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    CloudSchedulerClient client = session.scheduler();
    List<LiveResource> out = new ArrayList<>();
    Iterable<Job> all =
        session.call(
            "list scheduler jobs",
            () ->
                client
                    .listJobs(
                        ListJobsRequest.newBuilder()
                            .setParent(session.names.location())
                            .setPageSize(500)
                            .build())
                    .iterateAll());
    for (Job j : all) {
      String id = j.getName().substring(j.getName().lastIndexOf('/') + 1);
      boolean owned = session.names.ownsJob(id);
      if (!owned && !wanted.contains(id)) continue;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(JobType.SCHEDULE, j.getSchedule());
      p.put(JobType.TIME_ZONE, j.getTimeZone().isEmpty() ? "UTC" : j.getTimeZone());
      p.put(JobType.URI, j.getHttpTarget().getUri());
      p.put(JobType.SERVICE_ACCOUNT, j.getHttpTarget().getOidcToken().getServiceAccountEmail());
      out.add(
          new LiveResource(
              GcpTypes.address(GcpTypes.JOB, id), GcpTypes.JOB, null, owned, p, Map.of()));
    }
    return out;
  }

  Map<String, Object> put(String id, Map<String, Object> after, boolean create)
      throws ProviderException {
    String uri = String.valueOf(after.get(JobType.URI));
    Job job =
        Job.newBuilder()
            .setName(session.names.jobPath(id))
            .setSchedule((String) after.get(JobType.SCHEDULE))
            .setTimeZone((String) after.get(JobType.TIME_ZONE))
            .setHttpTarget(
                HttpTarget.newBuilder()
                    .setUri(uri)
                    .setHttpMethod(HttpMethod.POST)
                    .setOidcToken(
                        OidcToken.newBuilder()
                            .setServiceAccountEmail((String) after.get(JobType.SERVICE_ACCOUNT))
                            .setAudience(uri)))
            .build();
    CloudSchedulerClient client = session.scheduler();
    if (create) {
      try {
        client.createJob(session.names.location(), job);
        return Map.of();
      } catch (Exception e) {
        if (!GcpErrors.alreadyExists(e)) throw GcpErrors.failure("create scheduler job " + id, e);
      }
    }
    session.call(
        "update scheduler job " + id,
        () ->
            client.updateJob(
                job,
                FieldMask.newBuilder()
                    .addPaths("schedule")
                    .addPaths("time_zone")
                    .addPaths("http_target")
                    .build()));
    return Map.of();
  }

  void delete(String id) throws ProviderException {
    try {
      session.scheduler().deleteJob(session.names.jobPath(id));
    } catch (Exception e) {
      if (!GcpErrors.notFound(e)) throw GcpErrors.failure("delete scheduler job " + id, e);
    }
  }
}
