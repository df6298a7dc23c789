package dev.fnctl.fake.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.functions.v2.FunctionServiceClient;
import com.google.cloud.functions.v2.FunctionServiceSettings;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.resourcemanager.v3.ProjectsClient;
import com.google.cloud.resourcemanager.v3.ProjectsSettings;
import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.CloudSchedulerSettings;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The real Google client libraries on their HTTP/JSON transport, pointed at the fake, no
 * credentials.
 */
final class Clients {
  private Clients() {}

  /** Polls operations every 20 ms instead of the libraries' seconds, so tests stay quick. */
  static OperationTimedPollAlgorithm fastPolling() {
    return OperationTimedPollAlgorithm.create(
        RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(20))
            .setRetryDelayMultiplier(1.0)
            .setMaxRetryDelayDuration(Duration.ofMillis(20))
            .setInitialRpcTimeoutDuration(Duration.ZERO)
            .setRpcTimeoutMultiplier(1.0)
            .setMaxRpcTimeoutDuration(Duration.ZERO)
            .setTotalTimeoutDuration(Duration.ofSeconds(20))
            .build());
  }

  static FunctionServiceClient functions(FakeGcp fake) {
    try {
      FunctionServiceSettings.Builder settings =
          FunctionServiceSettings.newHttpJsonBuilder()
              .setEndpoint(fake.endpoint())
              .setCredentialsProvider(NoCredentialsProvider.create());
      settings.createFunctionOperationSettings().setPollingAlgorithm(fastPolling());
      settings.updateFunctionOperationSettings().setPollingAlgorithm(fastPolling());
      settings.deleteFunctionOperationSettings().setPollingAlgorithm(fastPolling());
      return FunctionServiceClient.create(settings.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TopicAdminClient topics(FakeGcp fake) {
    return topics(fake.endpoint());
  }

  static TopicAdminClient topics(String endpoint) {
    try {
      return TopicAdminClient.create(
          TopicAdminSettings.newHttpJsonBuilder()
              .setEndpoint(endpoint)
              .setCredentialsProvider(NoCredentialsProvider.create())
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SubscriptionAdminClient subscriptions(String endpoint) {
    try {
      return SubscriptionAdminClient.create(
          SubscriptionAdminSettings.newHttpJsonBuilder()
              .setEndpoint(endpoint)
              .setCredentialsProvider(NoCredentialsProvider.create())
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProjectsClient projects(FakeGcp fake) {
    try {
      return ProjectsClient.create(
          ProjectsSettings.newHttpJsonBuilder()
              .setEndpoint(fake.endpoint())
              .setCredentialsProvider(NoCredentialsProvider.create())
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SecretManagerServiceClient secrets(FakeGcp fake) {
    try {
      return SecretManagerServiceClient.create(
          SecretManagerServiceSettings.newHttpJsonBuilder()
              .setEndpoint(fake.endpoint())
              .setCredentialsProvider(NoCredentialsProvider.create())
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CloudSchedulerClient scheduler(FakeGcp fake) {
    try {
      return CloudSchedulerClient.create(
          CloudSchedulerSettings.newHttpJsonBuilder()
              .setEndpoint(fake.endpoint())
              .setCredentialsProvider(NoCredentialsProvider.create())
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
