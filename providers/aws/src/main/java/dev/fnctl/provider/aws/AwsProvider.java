package dev.fnctl.provider.aws;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code aws} provider. This class is loaded for {@code validate}, so it names no SDK type: the
 * SDK is touched only in {@link #connect}, through {@link AwsCloud}.
 */
public final class AwsProvider implements Provider {

  static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64");
  private static final Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
  private static final Pattern IP_ADDRESS = Pattern.compile("^\\d+\\.\\d+\\.\\d+\\.\\d+$");

  @Override
  public String id() {
    return "aws";
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("region", "AWS region, e.g. eu-west-1 (default: AWS_REGION or the profile's region)");
    s.put(
        "profile",
        "named profile from ~/.aws/config (default: the SDK's default credential chain)");
    s.put(
        "endpoint",
        "endpoint URL for every AWS service, e.g. http://localhost:5000 for moto or LocalStack (default: AWS_ENDPOINT_URL)");
    s.put("account", "AWS account id, to skip the STS call that looks it up");
    return s;
  }

  @Override
  public List<Problem> validate(Deployment d) {
    List<Problem> problems = new ArrayList<>();
    String target = d.target().name();
    String on = " on AWS (target " + target + ")";
    String prefix = d.stack() + "-" + target + "-";
    String region = d.target().setting("region");
    if (region != null && !region.matches("^[a-z]{2}(-gov)?-[a-z]+-\\d$")) {
      problems.add(
          new Problem(
              "targets." + target + ".region",
              "'" + region + "' is not an AWS region name (e.g. eu-west-1)"));
    }
    String endpoint = d.target().setting("endpoint");
    if (endpoint != null && !isHttpUrl(endpoint)) {
      problems.add(
          new Problem(
              "targets." + target + ".endpoint",
              "'"
                  + endpoint
                  + "' is not an http:// or https:// URL with a host (e.g. http://localhost:5000)"));
    }
    problems.addAll(existingDeclared(d, prefix));
    Map<String, Long> consumerTimeout = new LinkedHashMap<>();
    for (FunctionSpec f : d.functions().values()) {
      String path = "functions." + f.name();
      if (f.runtime() == null) {
        problems.add(
            new Problem(
                path + ".runtime", "no runtime: set runtime on the function or in defaults"));
      } else if (LambdaRules.deprecatedRuntime(f.runtime(), path, on) != null) {
        problems.add(LambdaRules.deprecatedRuntime(f.runtime(), path, on));
      } else if (LambdaRuntimes.lambdaId(f.runtime()).isEmpty()) {
        problems.add(
            new Problem(
                path + ".runtime",
                "runtime '"
                    + f.runtime()
                    + "' is not offered by Lambda"
                    + on
                    + "; use one of "
                    + String.join(", ", LambdaRuntimes.OFFERED)));
      }
      problems.addAll(LambdaRules.environment(f, path, on));
      Problem policy = LambdaRules.inlinePolicy(f, path, prefix, on);
      if (policy != null) problems.add(policy);
      if (f.memory() < 128 || f.memory() > 10240) {
        problems.add(
            new Problem(
                path + ".memory",
                "memory " + f.memory() + " MB is outside Lambda's 128..10240 MB" + on));
      }
      long timeout = f.timeout().getSeconds();
      if (timeout < 1 || timeout > 900 || f.timeout().getNano() != 0) {
        problems.add(
            new Problem(
                path + ".timeout",
                "timeout "
                    + f.timeout().toSeconds()
                    + "s is outside Lambda's 1s..900s (whole seconds)"
                    + on));
      }
      if (!ARCHITECTURES.contains(f.architecture())) {
        problems.add(
            new Problem(
                path + ".architecture",
                "architecture '" + f.architecture() + "' is not x86_64 or arm64" + on));
      }
      if (f.concurrency().max() != null && f.concurrency().max() < 0) {
        problems.add(new Problem(path + ".concurrency.max", "concurrency.max must be 0 or more"));
      }
      String phys = prefix + f.name();
      if (phys.length() > 64) {
        problems.add(
            new Problem(
                path,
                "'"
                    + phys
                    + "' is longer than the 64 characters Lambda and IAM allow"
                    + on
                    + "; shorten the stack, target or function name"));
      }
      int i = 0;
      for (Trigger t : f.triggers()) {
        String tp = path + ".triggers[" + i++ + "]";
        if (t instanceof Trigger.Schedule s) {
          try {
            if (s.cron() != null) ScheduleExpression.cron(s.cron());
            else ScheduleExpression.rate(s.rate());
          } catch (IllegalArgumentException e) {
            problems.add(
                new Problem(
                    tp + ".schedule." + (s.cron() != null ? "cron" : "rate"),
                    "schedule " + e.getMessage() + on));
          }
          if (s.timezone() != null) {
            try {
              ZoneId.of(s.timezone());
            } catch (DateTimeException e) {
              problems.add(
                  new Problem(
                      tp + ".schedule.timezone", "unknown time zone '" + s.timezone() + "'"));
            }
          }
          if ((f.name() + "-" + t.slug()).length() > 64) {
            problems.add(
                new Problem(
                    tp,
                    "schedule name '"
                        + f.name()
                        + "-"
                        + t.slug()
                        + "' is longer than the 64 characters"
                        + " EventBridge Scheduler allows"
                        + on
                        + "; shorten the function name"));
          }
        } else if (t instanceof Trigger.Queue q) {
          if (q.batchSize() < 1 || q.batchSize() > 10) {
            problems.add(
                new Problem(
                    tp + ".queue.batchSize",
                    "batchSize " + q.batchSize() + " is outside 1..10 for SQS event sources" + on));
          }
          consumerTimeout.merge(q.queue(), timeout, Math::max);
        } else if (t instanceof Trigger.Http h) {
          if (h.auth() != null && !h.auth().equals("none") && !h.auth().equals("iam")) {
            problems.add(
                new Problem(tp + ".http.auth", "auth '" + h.auth() + "' is not none or iam" + on));
          }
        } else if (t instanceof Trigger.Storage st) {
          problems.addAll(LambdaRules.storageFilter(st, tp, on));
          for (String e : st.events() == null ? List.<String>of() : st.events()) {
            if (!e.equals("created") && !e.equals("deleted")) {
              problems.add(
                  new Problem(
                      tp + ".storage.events", "event '" + e + "' is not created or deleted"));
            }
          }
        }
      }
    }
    for (QueueSpec q : d.queues().values()) {
      if (!q.owned()) continue;
      String path = "queues." + q.name();
      String phys = prefix + q.name() + (q.deadLetter() != null ? "-dlq" : "");
      if (phys.length() > 80)
        problems.add(
            new Problem(path, "'" + phys + "' is longer than the 80 characters SQS allows" + on));
      if (q.visibilityTimeout() != null) {
        long v = q.visibilityTimeout().getSeconds();
        if (v > 43200)
          problems.add(
              new Problem(
                  path + ".visibilityTimeout", "visibilityTimeout is over SQS's 12 hours" + on));
        Long consumer = consumerTimeout.get(q.name());
        if (consumer != null && v < consumer) {
          problems.add(
              new Problem(
                  path + ".visibilityTimeout",
                  "visibilityTimeout "
                      + v
                      + "s is shorter than the timeout of a function it triggers ("
                      + consumer
                      + "s); Lambda refuses such a queue"
                      + on));
        }
      }
      if (q.deadLetter() != null
          && (q.deadLetter().maxReceives() < 1 || q.deadLetter().maxReceives() > 1000)) {
        problems.add(
            new Problem(path + ".deadLetter.maxReceives", "maxReceives must be 1..1000 on SQS"));
      }
    }
    for (TopicSpec t : d.topics().values()) {
      if (t.owned() && (prefix + t.name()).length() > 256)
        problems.add(new Problem("topics." + t.name(), "topic name too long for SNS (256)"));
    }
    for (BucketSpec b : d.buckets().values()) {
      String name = b.owned() ? prefix + b.name() : StackLayout.lastSegment(b.existing());
      String path = "buckets." + b.name() + (b.owned() ? "" : ".existing");
      if (!BUCKET_NAME.matcher(name).matches()
          || name.contains("..")
          || IP_ADDRESS.matcher(name).matches()) {
        problems.add(
            new Problem(
                path,
                "'"
                    + name
                    + "' is not a valid S3 bucket name (3..63 characters: lower-case letters, digits, hyphens)"
                    + on
                    + (name.length() > 63 ? "; shorten the stack, target or bucket name" : "")));
      }
    }
    Problem noBudgets = budgetsNotOffered(d, region);
    if (noBudgets != null) problems.add(noBudgets);
    for (Budget b : d.budgets().values()) {
      String path = "budgets." + b.name();
      if (b.currency() != null && !b.currency().equals("USD")) {
        problems.add(
            new Problem(path + ".currency", "AWS Budgets count in USD, not " + b.currency() + on));
      }
      if (b.alerts().size() > 5) {
        problems.add(
            new Problem(
                path + ".alerts",
                b.alerts().size()
                    + " alerts; AWS Budgets allows at most 5 notifications per budget"
                    + on));
      }
      for (int i = 0; i < b.alerts().size(); i++) {
        Budget.Alert a = b.alerts().get(i);
        if (a.recipients().size() > 10) {
          problems.add(
              new Problem(
                  path + ".alerts[" + i + "].notify",
                  a.recipients().size()
                      + " recipients; AWS Budgets allows at most 10 email subscribers per notification"
                      + on));
        }
      }
      if (("fnctl-" + prefix + b.name()).length() > 100)
        problems.add(new Problem(path, "budget name too long for AWS Budgets (100)"));
    }
    return problems;
  }

  /**
   * A target in a partition without AWS Budgets (GovCloud: botocore's endpoints list none there)
   * that declares budgets, or null. Refused rather than sent to the commercial endpoint, where the
   * GovCloud credentials mean nothing.
   */
  static Problem budgetsNotOffered(Deployment d, String region) {
    if (d.budgets().isEmpty() || region == null) return null;
    Partition partition = Partition.of(region);
    if (partition.offersBudgets) return null;
    String first = d.budgets().keySet().iterator().next();
    return new Problem(
        "budgets." + first,
        "AWS Budgets is not offered in "
            + partition.title()
            + " (target "
            + d.target().name()
            + ", region "
            + region
            + "): remove budgets from this target's spec (or deploy them from a target in the"
            + " linked commercial account, where GovCloud costs are billed)");
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * An {@code existing:} queue, topic or bucket whose name is what this stack names one of its own
   * on this target would be wired as foreign while the stack creates, changes and deletes it.
   */
  private static List<Problem> existingDeclared(Deployment d, String prefix) {
    List<Problem> out = new ArrayList<>();
    Map<String, String> owned = new LinkedHashMap<>();
    d.queues().values().stream()
        .filter(QueueSpec::owned)
        .forEach(
            q -> {
              owned.put("queue:" + prefix + q.name(), "queue '" + q.name() + "'");
              if (q.deadLetter() != null)
                owned.put(
                    "queue:" + prefix + q.name() + "-dlq",
                    "the dead-letter queue of queue '" + q.name() + "'");
            });
    d.topics().values().stream()
        .filter(TopicSpec::owned)
        .forEach(t -> owned.put("topic:" + prefix + t.name(), "topic '" + t.name() + "'"));
    d.buckets().values().stream()
        .filter(BucketSpec::owned)
        .forEach(b -> owned.put("bucket:" + prefix + b.name(), "bucket '" + b.name() + "'"));
    // Names only: what an ARN or URL of another account or region names is not this stack's.
    String region = d.target().setting("region");
    String account = d.target().setting("account");
    StackNames names =
        new StackNames(
            d.stack(),
            d.target().name(),
            region == null ? PLACEHOLDER_REGION : region,
            account == null ? PLACEHOLDER_ACCOUNT : account);
    d.queues().values().stream()
        .filter(q -> !q.owned())
        .forEach(
            q -> {
              Existing e = Existing.queue(q.existing(), names);
              if (e.inTarget(account, region))
                existingClash(out, owned, "queue", "queues." + q.name(), q.existing(), e.name());
            });
    d.topics().values().stream()
        .filter(t -> !t.owned())
        .forEach(
            t -> {
              Existing e = Existing.topic(t.existing(), names);
              if (e.inTarget(account, region))
                existingClash(out, owned, "topic", "topics." + t.name(), t.existing(), e.name());
            });
    d.buckets().values().stream()
        .filter(b -> !b.owned())
        .forEach(
            b ->
                existingClash(
                    out,
                    owned,
                    "bucket",
                    "buckets." + b.name(),
                    b.existing(),
                    Existing.bucket(b.existing(), names).name()));
    return out;
  }

  private static void existingClash(
      List<Problem> out,
      Map<String, String> owned,
      String kind,
      String path,
      String existing,
      String name) {
    String declared = owned.get(kind + ":" + name);
    if (declared == null) return;
    out.add(
        new Problem(
            path + ".existing",
            "'"
                + existing
                + "' is "
                + declared
                + " of this stack on AWS, which the stack itself creates and deletes: existing: names"
                + " something the stack does not own; use the declared one by its spec name"
                + " instead"));
  }

  /** Lambda's limit on a function's code and layers, unzipped. */
  @Override
  public long maxPackageBytes() {
    return LambdaZip.MAX_BYTES;
  }

  /** The account id an offline expansion names things with: no real account has it. */
  static final String PLACEHOLDER_ACCOUNT = "000000000000";

  /** The region an offline expansion uses when the target names none. */
  static final String PLACEHOLDER_REGION = "us-east-1";

  /**
   * The resources a deployment expands to with the target's account and region, or placeholders for
   * them: names derive from the stack, target and spec names only, so the placeholders change ARNs
   * but never make two names meet.
   */
  @Override
  public Optional<List<Resource>> expandOffline(Deployment d) throws ProviderException {
    String region = d.target().setting("region");
    String account = d.target().setting("account");
    StackNames names =
        new StackNames(
            d.stack(),
            d.target().name(),
            region == null || region.isBlank() ? PLACEHOLDER_REGION : region,
            account == null || account.isBlank() ? PLACEHOLDER_ACCOUNT : account);
    return Optional.of(StackLayout.offline(names).expand(d));
  }

  @Override
  public Cloud connect(Deployment deployment, Context context) throws ProviderException {
    return AwsCloud.connect(deployment, context);
  }
}
