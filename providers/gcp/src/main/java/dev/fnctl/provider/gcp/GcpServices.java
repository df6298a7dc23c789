package dev.fnctl.provider.gcp;

/** The service classes of one session: each makes one API's calls and reads its kind back. */
final class GcpServices {
  final ServiceAccounts accounts;
  final Functions functions;
  final Topics topics;
  final Buckets buckets;
  final IamPolicies policies;
  final SchedulerJobs jobs;
  final EventTriggers triggers;
  final Budgets budgets;
  final NotificationChannels channels;

  GcpServices(GcpSession session) {
    this.accounts = new ServiceAccounts(session);
    this.functions = new Functions(session);
    this.topics = new Topics(session);
    this.buckets = new Buckets(session);
    this.policies = new IamPolicies(session);
    this.jobs = new SchedulerJobs(session);
    this.triggers = new EventTriggers(session, policies);
    this.budgets = new Budgets(session);
    this.channels = new NotificationChannels(session);
  }
}
