package dev.fnctl.provider.aws;

import dev.fnctl.provider.Context;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One connected session: clients, names, a pool for parallel reads, and the way every call is made
 * so that failures read as one line naming the call and the resource.
 */
final class AwsSession implements AutoCloseable {
  final AwsClients clients;
  final StackNames names;
  final Context.Log log;
  private final ExecutorService pool;

  /** How long to keep retrying IAM's eventual consistency, ms (short in tests). */
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

  /** Runs one API call; an error becomes "CreateFunction orders-prod-resize: <AWS message>". */
  <T> T call(String operation, String resource, Call<T> call) throws ProviderException {
    try {
      return call.run();
    } catch (AwsServiceException e) {
      throw new ProviderException(describe(operation, resource, e), e);
    } catch (SdkClientException e) {
      throw new ProviderException(operation + " " + resource + ": " + clientMessage(e), e);
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProviderException(operation + " " + resource + ": " + e, e);
    } catch (Exception e) {
      throw new ProviderException(operation + " " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Like {@link #call}, retrying while {@code transient} says the error is one that goes away
   * (IAM's eventual consistency, Lambda's update in progress), with backoff up to the window.
   */
  <T> T callRetrying(
      String operation, String resource, Predicate<AwsServiceException> isTransient, Call<T> call)
      throws ProviderException {
    long deadline = System.currentTimeMillis() + consistencyWindowMillis;
    long sleep = 500;
    while (true) {
      try {
        return call.run();
      } catch (AwsServiceException e) {
        if (!isTransient.test(e) || System.currentTimeMillis() + sleep > deadline) {
          throw new ProviderException(describe(operation, resource, e), e);
        }
        log.note(
            operation + " " + resource + ": " + message(e) + " (retrying in " + sleep + " ms)");
        sleepQuietly(sleep);
        sleep = Math.min(sleep * 2, 8000);
      } catch (SdkClientException e) {
        throw new ProviderException(operation + " " + resource + ": " + clientMessage(e), e);
      } catch (ProviderException e) {
        throw e;
      } catch (Exception e) {
        throw new ProviderException(operation + " " + resource + ": " + e, e);
      }
    }
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
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
