package dev.fnctl.fake.gcp;

import com.google.monitoring.v3.CreateNotificationChannelRequest;
import com.google.monitoring.v3.DeleteNotificationChannelRequest;
import com.google.monitoring.v3.GetNotificationChannelRequest;
import com.google.monitoring.v3.ListNotificationChannelsRequest;
import com.google.monitoring.v3.ListNotificationChannelsResponse;
import com.google.monitoring.v3.MutationRecord;
import com.google.monitoring.v3.NotificationChannel;
import com.google.monitoring.v3.NotificationServiceProto;
import com.google.monitoring.v3.UpdateNotificationChannelRequest;
import com.google.protobuf.BoolValue;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cloud Monitoring v3 notification channels (monitoring.googleapis.com, NotificationChannelService
 * in google/monitoring/v3/notification_service.proto), the recipients of budget alerts: an {@code
 * email} channel needs its {@code email_address} label; channels have numeric ids, user labels,
 * list filters ({@code type="email" AND user_labels.stack="s"}).
 */
final class MonitoringApi {
  private static final String SERVICE = "google.monitoring.v3.NotificationChannelService.";
  private static final List<String> TYPES =
      List.of(
          "email",
          "sms",
          "slack",
          "pagerduty",
          "pubsub",
          "webhook_basicauth",
          "webhook_tokenauth",
          "campfire",
          "hipchat",
          "google_chat",
          "mobile");

  private final Cloud cloud;
  private final AtomicLong ids = new AtomicLong(1_000_000_000_000_000L);

  MonitoringApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(
        NotificationServiceProto.getDescriptor().findServiceByName("NotificationChannelService"));
    router.handle(SERVICE + "CreateNotificationChannel", this::create);
    router.handle(
        SERVICE + "GetNotificationChannel",
        call ->
            existing(call.request(GetNotificationChannelRequest.getDefaultInstance()).getName()));
    router.handle(SERVICE + "ListNotificationChannels", this::list);
    router.handle(SERVICE + "UpdateNotificationChannel", this::update);
    router.handle(SERVICE + "DeleteNotificationChannel", this::delete);
  }

  private NotificationChannel existing(String name) {
    NotificationChannel channel = cloud.resources.get(name, NotificationChannel.class);
    if (channel == null) {
      throw GoogleError.notFound("Requested entity was not found.");
    }
    return channel;
  }

  private static void validate(NotificationChannel channel) {
    if (!TYPES.contains(channel.getType())) {
      throw GoogleError.invalidArgument(
          "Unknown notification channel type: \"" + channel.getType() + "\".");
    }
    if (channel.getType().equals("email") && !channel.getLabelsMap().containsKey("email_address")) {
      throw GoogleError.invalidArgument(
          "Field labels.email_address is required for channels of type \"email\".");
    }
  }

  private Message create(RpcCall call) {
    CreateNotificationChannelRequest request =
        call.request(CreateNotificationChannelRequest.getDefaultInstance());
    NotificationChannel input = Standard.withoutOutputOnly(request.getNotificationChannel());
    validate(input);
    String name = request.getName() + "/notificationChannels/" + ids.incrementAndGet();
    NotificationChannel.Builder channel =
        input.toBuilder()
            .setName(name)
            .setCreationRecord(MutationRecord.newBuilder().setMutateTime(Standard.now()));
    if (!channel.hasEnabled()) {
      channel.setEnabled(BoolValue.of(true));
    }
    NotificationChannel stored = channel.build();
    cloud.resources.put(name, stored);
    return stored;
  }

  private Message list(RpcCall call) {
    ListNotificationChannelsRequest request =
        call.request(ListNotificationChannelsRequest.getDefaultInstance());
    List<NotificationChannel> all =
        cloud
            .resources
            .list(request.getName(), "notificationChannels", NotificationChannel.class)
            .stream()
            .filter(c -> Standard.matches(c, request.getFilter()))
            .toList();
    var page = Standard.page(all, request.getPageSize(), request.getPageToken(), 1000);
    return ListNotificationChannelsResponse.newBuilder()
        .addAllNotificationChannels(page.items())
        .setNextPageToken(page.nextPageToken())
        .setTotalSize(all.size())
        .build();
  }

  private Message update(RpcCall call) {
    UpdateNotificationChannelRequest request =
        call.request(UpdateNotificationChannelRequest.getDefaultInstance());
    NotificationChannel current = existing(request.getNotificationChannel().getName());
    NotificationChannel updated =
        Standard.update(current, request.getNotificationChannel(), request.getUpdateMask());
    validate(updated);
    updated =
        updated.toBuilder()
            .addMutationRecords(MutationRecord.newBuilder().setMutateTime(Standard.now()))
            .build();
    cloud.resources.put(current.getName(), updated);
    return updated;
  }

  private Message delete(RpcCall call) {
    DeleteNotificationChannelRequest request =
        call.request(DeleteNotificationChannelRequest.getDefaultInstance());
    NotificationChannel channel = existing(request.getName());
    if (!request.getForce()) {
      for (var budget : cloud.resources.names()) {
        var b = cloud.resources.get(budget, com.google.cloud.billing.budgets.v1.Budget.class);
        if (b != null
            && b.getNotificationsRule()
                .getMonitoringNotificationChannelsList()
                .contains(channel.getName())) {
          throw GoogleError.failedPrecondition(
              "The notification channel "
                  + channel.getName()
                  + " is in use by budget "
                  + b.getName()
                  + "; delete with force=true.");
        }
      }
    }
    cloud.resources.remove(channel.getName());
    return Empty.getDefaultInstance();
  }
}
