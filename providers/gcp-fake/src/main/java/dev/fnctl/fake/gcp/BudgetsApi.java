package dev.fnctl.fake.gcp;

import com.google.cloud.billing.budgets.v1.Budget;
import com.google.cloud.billing.budgets.v1.BudgetServiceProto;
import com.google.cloud.billing.budgets.v1.CreateBudgetRequest;
import com.google.cloud.billing.budgets.v1.DeleteBudgetRequest;
import com.google.cloud.billing.budgets.v1.GetBudgetRequest;
import com.google.cloud.billing.budgets.v1.ListBudgetsRequest;
import com.google.cloud.billing.budgets.v1.ListBudgetsResponse;
import com.google.cloud.billing.budgets.v1.UpdateBudgetRequest;
import com.google.monitoring.v3.NotificationChannel;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.util.List;
import java.util.UUID;

/**
 * Billing Budgets v1 (billingbudgets.googleapis.com, BudgetService in
 * google/cloud/billing/budgets/v1/budget_service.proto): budgets on a billing account, with etags
 * (a stale one is 409 ABORTED, an empty one overwrites), update masks, the {@code scope} list
 * parameter, and notification channels that must exist in Cloud Monitoring.
 */
final class BudgetsApi {
  private static final String SERVICE = "google.cloud.billing.budgets.v1.BudgetService.";

  private final Cloud cloud;

  BudgetsApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(BudgetServiceProto.getDescriptor().findServiceByName("BudgetService"));
    router.handle(SERVICE + "CreateBudget", this::create);
    router.handle(
        SERVICE + "GetBudget",
        call -> existing(call.request(GetBudgetRequest.getDefaultInstance()).getName()));
    router.handle(SERVICE + "ListBudgets", this::list);
    router.handle(SERVICE + "UpdateBudget", this::update);
    router.handle(SERVICE + "DeleteBudget", this::delete);
  }

  private Budget existing(String name) {
    Budget budget = cloud.resources.get(name, Budget.class);
    if (budget == null) {
      throw GoogleError.notFound("Budget " + name + " not found.");
    }
    return budget;
  }

  private static String etag() {
    return Long.toHexString(System.nanoTime());
  }

  private void validate(Budget budget) {
    Standard.requireFields(budget, "budget.");
    for (String channel : budget.getNotificationsRule().getMonitoringNotificationChannelsList()) {
      if (cloud.resources.get(channel, NotificationChannel.class) == null) {
        throw GoogleError.invalidArgument("Notification channel " + channel + " does not exist.");
      }
    }
    // budget_model.proto: "Currently, multiple entries or multiple values per entry are not
    // allowed" in the labels filter
    var labels = budget.getBudgetFilter().getLabelsMap();
    if (labels.size() > 1 || labels.values().stream().anyMatch(v -> v.getValuesCount() != 1)) {
      throw GoogleError.invalidArgument(
          "budget_filter.labels takes a single label with a single value.");
    }
    for (var rule : budget.getThresholdRulesList()) {
      if (rule.getThresholdPercent() <= 0) {
        throw GoogleError.invalidArgument("threshold_percent must be positive.");
      }
    }
  }

  private Message create(RpcCall call) {
    CreateBudgetRequest request = call.request(CreateBudgetRequest.getDefaultInstance());
    Standard.requireFields(request, "");
    Budget input = Standard.withoutOutputOnly(request.getBudget());
    validate(input);
    String name = request.getParent() + "/budgets/" + UUID.randomUUID();
    Budget budget = input.toBuilder().setName(name).setEtag(etag()).build();
    cloud.resources.put(name, budget);
    return budget;
  }

  private Message list(RpcCall call) {
    ListBudgetsRequest request = call.request(ListBudgetsRequest.getDefaultInstance());
    List<Budget> all =
        cloud.resources.list(request.getParent(), "budgets", Budget.class).stream()
            .filter(
                b ->
                    request.getScope().isEmpty()
                        || b.getBudgetFilter().getProjectsList().contains(request.getScope()))
            .toList();
    var page = Standard.page(all, request.getPageSize(), request.getPageToken(), 100);
    return ListBudgetsResponse.newBuilder()
        .addAllBudgets(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private synchronized Message update(RpcCall call) {
    UpdateBudgetRequest request = call.request(UpdateBudgetRequest.getDefaultInstance());
    Budget current = existing(request.getBudget().getName());
    String etag = request.getBudget().getEtag();
    if (!etag.isEmpty() && !etag.equals(current.getEtag())) {
      throw GoogleError.aborted(
          "The budget was changed since it was read (etag mismatch); read it again and retry.");
    }
    Budget updated =
        Standard.update(current, request.getBudget(), request.getUpdateMask()).toBuilder()
            .setEtag(etag())
            .build();
    validate(updated);
    cloud.resources.put(current.getName(), updated);
    return updated;
  }

  private Message delete(RpcCall call) {
    cloud.resources.remove(
        existing(call.request(DeleteBudgetRequest.getDefaultInstance()).getName()).getName());
    return Empty.getDefaultInstance();
  }
}
