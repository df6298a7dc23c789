package dev.fnctl.provider.aws;

/** The per-service parts of one session. */
final class AwsServices {
  final IamRoles roles;
  final LambdaFunctions functions;
  final FunctionAliases aliases;
  final InvokePermissions permissions;
  final EventSources eventSources;
  final SqsQueues queues;
  final SnsTopics topics;
  final S3Buckets buckets;
  final Schedules schedules;
  final HttpApis apis;
  final AwsBudgets budgets;

  AwsServices(AwsSession s, long directUploadLimit) {
    this.roles = new IamRoles(s);
    this.buckets = new S3Buckets(s);
    this.aliases = new FunctionAliases(s);
    this.functions =
        new LambdaFunctions(s, directUploadLimit, new ArtifactBucket(s, buckets), aliases);
    this.permissions = new InvokePermissions(s);
    this.eventSources = new EventSources(s);
    this.queues = new SqsQueues(s);
    this.topics = new SnsTopics(s);
    this.schedules = new Schedules(s);
    this.apis = new HttpApis(s);
    this.budgets = new AwsBudgets(s);
  }
}
