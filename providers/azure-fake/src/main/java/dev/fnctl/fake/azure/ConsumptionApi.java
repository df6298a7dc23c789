package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Microsoft.Consumption budgets on a subscription or resource-group scope (2024-08-01): PUT (201,
 * then 200 with a new eTag; a stale eTag is refused with 412), GET, DELETE and list, with the rules
 * of the Budgets API: a positive amount, a start date on the first of a month, at most five
 * notifications with a threshold above 0 and at most 1000 and someone to tell, tag and dimension
 * filters.
 */
final class ConsumptionApi {
  static final Set<String> VERSIONS = Set.of("2023-05-01", "2023-11-01", "2024-08-01");
  private static final Set<String> TIME_GRAINS =
      Set.of(
          "Monthly",
          "Quarterly",
          "Annually",
          "BillingMonth",
          "BillingQuarter",
          "BillingAnnual",
          "Last7Days",
          "Last30Days");
  private static final Set<String> OPERATORS =
      Set.of("EqualTo", "GreaterThan", "GreaterThanOrEqualTo");

  private final ArmContext ctx;

  ConsumptionApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var scope =
        "(?<scope>/subscriptions/[^/]+(?:/resourceGroups/[^/]+)?)/providers/Microsoft\\.Consumption/budgets";
    router.add("PUT", scope + "/(?<name>[^/]+)", VERSIONS, this::put);
    router.add("GET", scope + "/(?<name>[^/]+)", VERSIONS, r -> ArmResponse.ok(require(r)));
    router.add(
        "DELETE",
        scope + "/(?<name>[^/]+)",
        VERSIONS,
        r -> ctx.store.remove(id(r)) == null ? ArmResponse.noContent() : ArmResponse.ok(null));
    router.add(
        "GET",
        scope,
        VERSIONS,
        r ->
            ArmResponse.ok(
                ctx.page(
                    r,
                    ctx.store.children(
                        r.group("scope") + "/providers/Microsoft.Consumption/budgets"))));
  }

  private static String id(ArmRequest r) {
    return r.group("scope") + "/providers/Microsoft.Consumption/budgets/" + r.group("name");
  }

  private ObjectNode require(ArmRequest r) {
    requireScope(r);
    var body = ctx.store.get(id(r));
    if (body == null) {
      throw ArmException.notFound("NotFound", "Budget '" + r.group("name") + "' was not found.");
    }
    return body;
  }

  private void requireScope(ArmRequest r) {
    var group = ResourceIds.resourceGroup(r.group("scope"));
    if (group != null) {
      ResourcesApi.requireGroup(ctx, ResourceIds.subscription(r.group("scope")), group);
    }
  }

  private ArmResponse put(ArmRequest r) {
    requireScope(r);
    var in = r.json();
    ctx.schemas.check("consumption", "Budget", in);
    Tags.check(in.get("tags"));
    var id = id(r);
    var existing = ctx.store.get(id);
    var givenTag = Json.text(in, "eTag");
    if (existing != null && givenTag != null && !givenTag.equals(Json.text(existing, "eTag"))) {
      throw new ArmException(
          412,
          "PreconditionFailed",
          "The eTag "
              + givenTag
              + " of budget '"
              + r.group("name")
              + "' is not the current one ("
              + Json.text(existing, "eTag")
              + "); read the budget and retry with its eTag.");
    }
    var props = in.path("properties");
    validate(props);
    var body = Json.object();
    body.put("id", id);
    body.put("name", r.group("name"));
    body.put("type", "Microsoft.Consumption/budgets");
    body.put("eTag", "\"" + Long.toHexString(System.nanoTime()) + "\"");
    var out = body.putObject("properties");
    out.setAll((ObjectNode) props.deepCopy());
    var period = out.with("timePeriod");
    if (!period.has("endDate")) {
      var start = OffsetDateTime.parse(period.path("startDate").asText());
      period.put("endDate", start.plusYears(10).toString());
    }
    out.putObject("currentSpend").put("amount", 0).put("unit", "USD");
    ctx.store.put(id, body);
    return existing == null ? ArmResponse.created(body) : ArmResponse.ok(body);
  }

  private static void validate(JsonNode props) {
    if (!"Cost".equals(props.path("category").asText())) {
      throw bad("Budget category must be 'Cost'.");
    }
    if (!props.path("amount").isNumber() || props.path("amount").asDouble() <= 0) {
      throw bad("Budget amount must be a number greater than 0.");
    }
    if (!TIME_GRAINS.contains(props.path("timeGrain").asText())) {
      throw bad(
          "Budget timeGrain '"
              + props.path("timeGrain").asText()
              + "' is not one of "
              + String.join(", ", new java.util.TreeSet<>(TIME_GRAINS))
              + ".");
    }
    LocalDate start;
    try {
      start =
          OffsetDateTime.parse(props.path("timePeriod").path("startDate").asText()).toLocalDate();
    } catch (DateTimeParseException e) {
      throw bad(
          "timePeriod.startDate is required, as an ISO 8601 date-time (2026-01-01T00:00:00Z).");
    }
    if (start.getDayOfMonth() != 1) {
      throw bad("The start date must be the first of the month (was " + start + ").");
    }
    if (start.isBefore(LocalDate.of(2017, 6, 1))) {
      throw bad("The start date must be on or after June 1, 2017.");
    }
    if (start.isAfter(LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(12))) {
      throw bad(
          "The start date must not be more than twelve months in the future (was " + start + ").");
    }
    var end = props.path("timePeriod").path("endDate").asText(null);
    if (end != null) {
      try {
        if (!OffsetDateTime.parse(end).toLocalDate().isAfter(start)) {
          throw bad(
              "The end date must be after the start date ("
                  + end
                  + " is not after "
                  + start
                  + ").");
        }
      } catch (DateTimeParseException e) {
        throw bad("timePeriod.endDate must be an ISO 8601 date-time (was " + end + ").");
      }
    }
    var notifications = props.path("notifications");
    if (notifications.size() > 5) {
      throw bad("A budget has at most 5 notifications (has " + notifications.size() + ").");
    }
    notifications
        .fields()
        .forEachRemaining(
            e -> {
              var n = e.getValue();
              var threshold = n.path("threshold").asDouble(-1);
              if (threshold <= 0 || threshold > 1000) {
                throw bad(
                    "Notification '"
                        + e.getKey()
                        + "': threshold must be greater than 0 and at most 1000 (was "
                        + n.path("threshold")
                        + ").");
              }
              if (!OPERATORS.contains(n.path("operator").asText())) {
                throw bad(
                    "Notification '"
                        + e.getKey()
                        + "': operator must be EqualTo, GreaterThan or GreaterThanOrEqualTo.");
              }
              if (!n.has("enabled")) {
                throw bad("Notification '" + e.getKey() + "': enabled is required.");
              }
              if (n.path("contactEmails").size() == 0
                  && n.path("contactGroups").size() == 0
                  && n.path("contactRoles").size() == 0) {
                throw bad(
                    "Notification '"
                        + e.getKey()
                        + "': give contactEmails, contactGroups or contactRoles.");
              }
              var type = n.path("thresholdType").asText("Actual");
              if (!type.equals("Actual") && !type.equals("Forecasted")) {
                throw bad(
                    "Notification '"
                        + e.getKey()
                        + "': thresholdType must be Actual or Forecasted.");
              }
            });
    checkFilter(props.path("filter"));
  }

  private static void checkFilter(JsonNode filter) {
    if (filter.isMissingNode() || filter.isNull()) {
      return;
    }
    for (var expression : filter.has("and") ? filter.get("and") : java.util.List.of(filter)) {
      for (var key : new String[] {"tags", "dimensions"}) {
        var condition = expression.get(key);
        if (condition != null) {
          if (!"In".equals(condition.path("operator").asText())
              || condition.path("name").asText("").isEmpty()
              || condition.path("values").size() == 0) {
            throw bad(
                "A budget filter's "
                    + key
                    + " needs a name, operator 'In' and at least one value.");
          }
        }
      }
    }
  }

  private static ArmException bad(String message) {
    return ArmException.badRequest("BadRequest", message);
  }
}
