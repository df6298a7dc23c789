package dev.fnctl.provider.aws;

import dev.fnctl.provider.Context;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * One connected session: clients, names, a pool for parallel reads, and the way every call is made
 * so that failures read as one line naming the call and the resource.
 */
final class AwsSession implements AutoCloseable {
  final AwsClients clients;
  final StackNames names;
  final Context.Log log;
  private final ExecutorService pool;

  /**
   * How long {@link #callRetrying} waits out a transient refusal (IAM's eventual consistency, a
   * function or mapping still changing), ms: 2 minutes, short in tests.
   */
  final long consistencyWindowMillis;

  AwsSession(
      AwsClients clients,
      StackNames names,
      Context.Log log,
      int readThreads,
      long consistencyWindowMillis) {
    this.clients = clients;
    this.names = names;
    this.log = log;
    this.consistencyWindowMillis = consistencyWindowMillis;
    this.pool =
        Executors.newFixedThreadPool(
            readThreads,
            r -> {
              Thread t = new Thread(r, "fnctl-aws-read");
              t.setDaemon(true);
              return t;
            });
  }

  @FunctionalInterface
  interface Call<T> {
    T run() throws Exception;
  }

  // The deadline of the step this thread is applying, so that waits deep in a service class stop
  // on its timeout and on Ctrl-C without every signature carrying it.
  private static final ThreadLocal<Deadline> STEP = new ThreadLocal<>();

  @FunctionalInterface
  interface StepBody<T> {
    T run() throws ProviderException;
  }

  /** Runs {@code body} as the step with this deadline. */
  <T> T during(Deadline deadline, StepBody<T> body) throws ProviderException {
    Deadline before = STEP.get();
    STEP.set(deadline);
    try {
      return body.run();
    } finally {
      if (before == null) STEP.remove();
      else STEP.set(before);
    }
  }

  /** The deadline of the step being applied on this thread ({@link Deadline#NONE} outside one). */
  Deadline deadline() {
    Deadline d = STEP.get();
    return d == null ? Deadline.NONE : d;
  }

  /** Runs one API call; an error becomes "CreateFunction orders-prod-resize: <AWS message>". */
  <T> T call(String operation, String resource, Call<T> call) throws ProviderException {
    try {
      return call.run();
    } catch (AwsServiceException e) {
      throw failure(describe(operation, resource, e), e);
    } catch (SdkClientException e) {
      throw new ProviderException(
          ProviderException.Kind.OTHER, operation + " " + resource + ": " + clientMessage(e), e);
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProviderException(operation + " " + resource + ": " + e, e);
    } catch (Exception e) {
      throw new ProviderException(operation + " " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Like {@link #call}, waiting out a refusal that {@code isTransient} says goes away by itself
   * (IAM's eventual consistency, a Lambda function or event source mapping still changing, a name
   * not yet free) for up to the consistency window; see {@link #callWaiting}.
   */
  <T> T callRetrying(
      String operation, String resource, Predicate<AwsServiceException> isTransient, Call<T> call)
      throws ProviderException {
    return callWaiting(
        operation, resource, isTransient, Duration.ofMillis(consistencyWindowMillis), null, call);
  }

  /**
   * Sends {@code call} until it succeeds or fails with an error {@code isTransient} does not
   * accept, through the SDK's {@link Waiter}: its acceptors decide (success on an answer, retry on
   * a transient refusal, stop on anything else) and its backoff spaces the attempts (exponential
   * with jitter, 0.5 s to 8 s). This is the one place fnctl retries an AWS refusal itself: the
   * SDK's retry strategy already retried throttling, 5xx and dropped connections, and has no notion
   * of a state a resource is in; where AWS offers a waiter on the state itself (a function's {@code
   * LastUpdateStatus}, a bucket's existence) fnctl uses that instead. Waits at most {@code limit}
   * and never past the step's deadline (Ctrl-C stops it between attempts); each retry is noted with
   * {@code why} (or AWS's message). When the time is up the last refusal is reported.
   */
  <T> T callWaiting(
      String operation,
      String resource,
      Predicate<AwsServiceException> isTransient,
      Duration limit,
      String why,
      Call<T> call)
      throws ProviderException {
    Deadline deadline = deadline();
    String what = operation + " " + resource;
    Duration within = limit.compareTo(deadline.remaining()) < 0 ? limit : deadline.remaining();
    BackoffStrategy exponential =
        BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(500), Duration.ofSeconds(8));
    AtomicReference<AwsServiceException> last = new AtomicReference<>();
    Waiter<Attempt> waiter =
        Waiter.builder(Attempt.class)
            .addAcceptor(
                WaiterAcceptor.successOnResponseAcceptor(
                    (Attempt a) -> a.refusal() == null || !isTransient.test(a.refusal())))
            .addAcceptor(
                WaiterAcceptor.retryOnResponseAcceptor(
                    (Attempt a) -> {
                      log.note(
                          what + ": " + (why != null ? why : message(a.refusal())) + ", waiting");
                      return true;
                    }))
            .overrideConfiguration(
                o ->
                    o.waitTimeout(within)
                        .maxAttempts(100_000)
                        .backoffStrategyV2(
                            attempt -> {
                              stopIfDue(deadline, what);
                              return exponential.computeDelay(attempt);
                            }))
            .build();
    Attempt settled;
    try {
      settled =
          waiter
              .run(
                  () -> {
                    try {
                      return new Attempt(call.run(), null);
                    } catch (AwsServiceException e) {
                      last.set(e);
                      return new Attempt(null, e);
                    } catch (SdkClientException e) {
                      throw new Stop(
                          new ProviderException(
                              ProviderException.Kind.OTHER, what + ": " + clientMessage(e), e));
                    } catch (ProviderException e) {
                      throw new Stop(e);
                    } catch (Exception e) {
                      throw new Stop(new ProviderException(what + ": " + e, e));
                    }
                  })
              .matched()
              .response()
              .orElseThrow();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause())
        if (t instanceof Stop stop) throw stop.reason;
      if (!(e instanceof SdkClientException) || last.get() == null) throw e;
      deadline.check(what); // the step's deadline ended the wait
      AwsServiceException refusal = last.get();
      if (within.compareTo(limit) < 0) throw stepRanOut(what, message(refusal), refusal);
      throw failure(
          describe(operation, resource, refusal) + " (still so after " + within.toSeconds() + " s)",
          refusal);
    }
    if (settled.refusal() != null)
      throw failure(describe(operation, resource, settled.refusal()), settled.refusal());
    @SuppressWarnings("unchecked")
    T value = (T) settled.value();
    return value;
  }

  /** One attempt of {@link #callWaiting}: its answer, or AWS's refusal. */
  private record Attempt(Object value, AwsServiceException refusal) {}

  /** What a poll returned (null included: "gone" is an answer too). */
  private record Polled(Object value) {}

  /** Thrown through the SDK's waiter to stop it: the step's deadline passed, or Ctrl-C. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ProviderException reason;

    Stop(ProviderException reason) {
      super(reason.getMessage(), null, false, false);
      this.reason = reason;
    }
  }

  /**
   * Polls {@code poll} with the SDK's waiter until {@code settled} holds, backing off exponentially
   * from {@code first} to {@code max}, for at most {@code limit} and never past the step's
   * deadline; Ctrl-C stops it between polls. Returns the settling answer, or empty when {@code
   * limit} passed first (the caller says what was still going on).
   */
  <T> Optional<T> await(
      String operation,
      String resource,
      Call<T> poll,
      Predicate<T> settled,
      Duration first,
      Duration max,
      Duration limit)
      throws ProviderException {
    Deadline deadline = deadline();
    String what = operation + " " + resource;
    Duration within = limit.compareTo(deadline.remaining()) < 0 ? limit : deadline.remaining();
    BackoffStrategy exponential = BackoffStrategy.exponentialDelayHalfJitter(first, max);
    Waiter<Polled> waiter =
        Waiter.builder(Polled.class)
            .addAcceptor(
                WaiterAcceptor.successOnResponseAcceptor(
                    (Polled p) -> settled.test(AwsSession.<T>value(p))))
            .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor((Polled p) -> true))
            .overrideConfiguration(
                o ->
                    o.waitTimeout(within)
                        .maxAttempts(100_000)
                        .backoffStrategyV2(
                            attempt -> {
                              stopIfDue(deadline, what);
                              return exponential.computeDelay(attempt);
                            }))
            .build();
    try {
      return Optional.ofNullable(
          waiter
              .run(
                  // The first poll always runs: a change that is already done when Ctrl-C comes
                  // (the common case) finishes; only a real wait is cut short, between polls.
                  () -> {
                    try {
                      return new Polled(call(operation, resource, poll));
                    } catch (ProviderException e) {
                      throw new Stop(e);
                    }
                  })
              .matched()
              .response()
              .map(AwsSession::<T>value)
              .orElse(null));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause())
        if (t instanceof Stop stop) throw stop.reason;
      if (!(e instanceof SdkClientException)) throw e;
      deadline.check(what); // the step's deadline ended the wait, not the caller's limit
      if (within.compareTo(limit) < 0) throw stepRanOut(what, "still not settled", e);
      return Optional.empty();
    }
  }

  /**
   * The step's time ran out during a wait: the waiter stops before the last backoff would pass the
   * deadline, so {@link Deadline#check} has not fired yet; said the way it says it.
   */
  private static ProviderException stepRanOut(String what, String state, Throwable cause) {
    return new ProviderException(
        ProviderException.Kind.TIMEOUT,
        what
            + ": "
            + state
            + " when the step's time ran out; the cloud may still finish it (raise"
            + " --step-timeout, or run apply again later)",
        cause);
  }

  @SuppressWarnings("unchecked")
  private static <T> T value(Polled p) {
    return (T) p.value();
  }

  private static void stopIfDue(Deadline deadline, String what) {
    try {
      deadline.check(what);
    } catch (ProviderException e) {
      throw new Stop(e);
    }
  }

  /**
   * The one place AWS errors get their kind. The SDK has already retried what it retries (its
   * standard strategy: throttling, 5xx, dropped connections), so what arrives here is final.
   */
  static ProviderException failure(String message, AwsServiceException e) {
    ProviderException.Kind kind = kind(e);
    return new ProviderException(
        kind, message, kind == ProviderException.Kind.PERMISSION_DENIED ? permission(e) : null, e);
  }

  static ProviderException.Kind kind(AwsServiceException e) {
    String code =
        e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    int status = e.statusCode();
    if (e.isThrottlingException()
        || status == 429
        || status == 503
        || code.contains("Throttl")
        || code.equals("TooManyRequestsException")
        || code.equals("RequestLimitExceeded")) return ProviderException.Kind.THROTTLED;
    if (code.contains("AccessDenied")
        || code.contains("Unauthorized")
        || code.equals("AuthorizationError")
        || code.equals("AuthorizationErrorException")
        || status == 403) return ProviderException.Kind.PERMISSION_DENIED;
    if (code.contains("LimitExceeded")
        || code.contains("QuotaExceeded")
        || code.equals("TooManyBuckets")
        || code.equals("CodeStorageExceededException")) return ProviderException.Kind.QUOTA;
    if (isNotFound(e)) return ProviderException.Kind.NOT_FOUND;
    if (status == 409
        || status == 412
        || code.contains("Conflict")
        || code.contains("InUse")
        || code.contains("AlreadyExists")
        || code.equals("PreconditionFailed")
        || code.equals("OperationAborted")) return ProviderException.Kind.CONFLICT;
    if (status == 400
        || code.startsWith("Invalid")
        || code.contains("Validation")
        || code.contains("Malformed")) return ProviderException.Kind.INVALID;
    return ProviderException.Kind.OTHER;
  }

  private static final Pattern PERMISSION =
      Pattern.compile("(?:perform|to call|permission)[: ]+([a-z0-9-]+:[A-Za-z0-9*]+)");

  /**
   * The IAM action AWS says is missing ("... is not authorized to perform: lambda:ListTags on
   * resource ..."), or null when the message does not name one.
   */
  static String permission(AwsServiceException e) {
    String m = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    if (m == null) m = e.getMessage();
    if (m == null) return null;
    Matcher matcher = PERMISSION.matcher(m);
    return matcher.find() ? matcher.group(1) : null;
  }

  static String describe(String operation, String resource, AwsServiceException e) {
    return operation + " " + resource + ": " + message(e);
  }

  static String message(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String msg = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    if (msg == null) msg = e.getMessage();
    StringBuilder sb = new StringBuilder();
    if (code != null) sb.append(code).append(": ");
    sb.append(msg == null ? "HTTP " + e.statusCode() : firstLine(msg));
    if (e.statusCode() >= 500 || e.statusCode() == 429)
      sb.append(" (after ").append(AwsClients.MAX_ATTEMPTS).append(" attempts)");
    return sb.toString();
  }

  static String clientMessage(SdkException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    if (m.contains("Unable to load credentials")) {
      return "no AWS credentials found: set AWS_PROFILE or profile: on the target, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
    }
    if (m.contains("Profile file contained no credentials for profile")) {
      // Not a network problem: the named profile is missing from ~/.aws/config and
      // ~/.aws/credentials.
      return "no AWS credentials: "
          + firstLine(m).replace(": ProfileFile(sections=[])", "")
          + " (check profile: on the target, or run 'aws configure --profile NAME')";
    }
    return "cannot reach AWS: " + firstLine(m);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    int svc = line.indexOf(" (Service: ");
    return svc > 0 ? line.substring(0, svc) : line;
  }

  static boolean isNotFound(AwsServiceException e) {
    if (e.statusCode() == 404) return true;
    String code =
        e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    return code.contains("NotFound")
        || code.contains("NoSuch")
        || code.equals("AWS.SimpleQueueService.NonExistentQueue");
  }

  /** Runs the tasks on the read pool and waits for all; the first failure is rethrown. */
  <T> List<T> parallel(List<Callable<T>> tasks) throws ProviderException {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> t : tasks) futures.add(pool.submit(t));
    List<T> results = new ArrayList<>();
    ProviderException failure = null;
    for (Future<T> f : futures) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (failure == null) {
          failure =
              c instanceof ProviderException pe
                  ? pe
                  : new ProviderException(String.valueOf(c.getMessage()), c);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException("interrupted while reading AWS");
      }
    }
    if (failure != null) throw failure;
    return results;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    clients.close();
  }
}
