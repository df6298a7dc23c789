package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Cloud Scheduler job calling a function's URL with an OIDC token of its service account. */
final class JobType implements ResourceType {
  /** unix-cron. */
  static final String SCHEDULE = "schedule";

  static final String TIME_ZONE = "timeZone";

  /** The function's URL, also the token's audience. */
  static final String URI = "uri";

  /** Whose OIDC token the call carries: the function's own account. */
  static final String SERVICE_ACCOUNT = "serviceAccount";

  private final SchedulerJobs jobs;

  JobType(SchedulerJobs jobs) {
    this.jobs = jobs;
  }

  @Override
  public String type() {
    return GcpTypes.JOB;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return jobs.put(a.name(), after, true);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return jobs.put(a.name(), after, false);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    jobs.delete(a.name());
  }
}
