package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fnctl.model.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Budgets, answered in memory, written from the Budgets API reference (JSON 1.1, target prefix
 * {@code AWSBudgetServiceGateway.}). moto 5.2.1 answers DescribeSubscribersForNotification and
 * ListTagsForResource with HTTP 500 and has no UpdateBudget, so the whole service is faked here
 * rather than split between two states. Errors use the documented {@code __type} names.
 */
public final class BudgetsFake extends MotoExtension implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "fnctl-budgets";
  public static final String TARGET_PREFIX = "AWSBudgetServiceGateway.";

  private record Stored(
      Map<String, Object> budget, List<Map<String, Object>> notifications, List<Object> tags) {
    Stored(Map<String, Object> budget, List<Map<String, Object>> notifications) {
      this(budget, notifications, new ArrayList<>());
    }
  }

  private final Map<String, Stored> budgets = new LinkedHashMap<>();

  BudgetsFake() {
    super(NAME);
  }

  public synchronized void reset() {
    budgets.clear();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized ResponseDefinition transform(ServeEvent event) {
    String target = event.getRequest().getHeader("X-Amz-Target");
    String op = target.substring(TARGET_PREFIX.length());
    String body = event.getRequest().getBodyAsString();
    Map<String, Object> in = body == null || body.isBlank() ? Map.of() : Json.parseObject(body);
    String name = (String) in.get("BudgetName");
    switch (op) {
      case "CreateBudget":
        {
          Map<String, Object> b = (Map<String, Object>) in.get("Budget");
          String n = (String) b.get("BudgetName");
          if (budgets.containsKey(n))
            return error("DuplicateRecordException", "budget " + n + " already exists");
          List<Map<String, Object>> notes = new ArrayList<>();
          for (Object o :
              (List<Object>) in.getOrDefault("NotificationsWithSubscribers", List.of())) {
            Map<String, Object> w = (Map<String, Object>) o;
            notes.add(
                note(
                    (Map<String, Object>) w.get("Notification"),
                    (List<Object>) w.get("Subscribers")));
          }
          List<Object> tags =
              new ArrayList<>((List<Object>) in.getOrDefault("ResourceTags", List.of()));
          budgets.put(n, new Stored(withDefaults(b), notes, tags));
          return ok(Map.of());
        }
      case "DescribeBudget":
        {
          Stored s = budgets.get(name);
          if (s == null) return notFound(name);
          return ok(Map.of("Budget", s.budget()));
        }
      case "DescribeBudgets":
        {
          List<Object> all = new ArrayList<>();
          for (Stored s : budgets.values()) all.add(s.budget());
          // AWS answers an account without budgets with an error, not an empty list
          if (all.isEmpty())
            return error(
                "NotFoundException",
                "[Exception=NotFoundException] Unable to get budgets for accountId: "
                    + in.get("AccountId"));
          return ok(Map.of("Budgets", all));
        }
      case "UpdateBudget":
        {
          Map<String, Object> b = (Map<String, Object>) in.get("NewBudget");
          Stored s = budgets.get((String) b.get("BudgetName"));
          if (s == null) return notFound((String) b.get("BudgetName"));
          budgets.put(
              (String) b.get("BudgetName"),
              new Stored(withDefaults(b), s.notifications(), s.tags()));
          return ok(Map.of());
        }
      case "DeleteBudget":
        {
          if (budgets.remove(name) == null) return notFound(name);
          return ok(Map.of());
        }
      case "CreateNotification":
        {
          Stored s = budgets.get(name);
          if (s == null) return notFound(name);
          Map<String, Object> n = (Map<String, Object>) in.get("Notification");
          if (find(s, n) != null)
            return error("DuplicateRecordException", "notification already exists");
          s.notifications().add(note(n, (List<Object>) in.get("Subscribers")));
          return ok(Map.of());
        }
      case "DeleteNotification":
        {
          Stored s = budgets.get(name);
          if (s == null) return notFound(name);
          Map<String, Object> found = find(s, (Map<String, Object>) in.get("Notification"));
          if (found == null) return error("NotFoundException", "notification not found");
          s.notifications().remove(found);
          return ok(Map.of());
        }
      case "DescribeNotificationsForBudget":
        {
          Stored s = budgets.get(name);
          if (s == null) return notFound(name);
          List<Object> out = new ArrayList<>();
          for (Map<String, Object> n : s.notifications()) out.add(n.get("Notification"));
          return ok(Map.of("Notifications", out));
        }
      case "DescribeSubscribersForNotification":
        {
          Stored s = budgets.get(name);
          if (s == null) return notFound(name);
          Map<String, Object> found = find(s, (Map<String, Object>) in.get("Notification"));
          if (found == null) return error("NotFoundException", "notification not found");
          return ok(Map.of("Subscribers", found.get("Subscribers")));
        }
      case "ListTagsForResource":
        {
          // The ARN is arn:<partition>:budgets::<account>:budget/<name> (API reference).
          String arn = (String) in.get("ResourceARN");
          Stored s = budgets.get(arn.substring(arn.indexOf(":budget/") + ":budget/".length()));
          if (s == null) return error("NotFoundException", "resource " + arn + " not found");
          return ok(Map.of("ResourceTags", s.tags()));
        }
      default:
        return error("InvalidParameterException", "operation " + op + " is not faked");
    }
  }

  private static Map<String, Object> withDefaults(Map<String, Object> b) {
    Map<String, Object> out = new LinkedHashMap<>(b);
    out.putIfAbsent("BudgetType", "COST");
    return out;
  }

  private static Map<String, Object> note(
      Map<String, Object> notification, List<Object> subscribers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Notification", notification);
    m.put("Subscribers", subscribers == null ? List.of() : subscribers);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> find(Stored s, Map<String, Object> wanted) {
    for (Map<String, Object> n : s.notifications()) {
      Map<String, Object> have = (Map<String, Object>) n.get("Notification");
      if (same(have, wanted)) return n;
    }
    return null;
  }

  private static boolean same(Map<String, Object> a, Map<String, Object> b) {
    return String.valueOf(a.get("NotificationType"))
            .equals(String.valueOf(b.get("NotificationType")))
        && String.valueOf(a.get("ComparisonOperator"))
            .equals(String.valueOf(b.get("ComparisonOperator")))
        && String.valueOf(a.getOrDefault("ThresholdType", "PERCENTAGE"))
            .equals(String.valueOf(b.getOrDefault("ThresholdType", "PERCENTAGE")))
        && new BigDecimal(String.valueOf(a.get("Threshold")))
                .compareTo(new BigDecimal(String.valueOf(b.get("Threshold"))))
            == 0;
  }

  private static ResponseDefinition ok(Map<String, Object> body) {
    return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(Json.writeCompact(body))
        .build();
  }

  private static ResponseDefinition notFound(String name) {
    return error(
        "NotFoundException",
        "[Exception=NotFoundException] Failed to call Budgets: budget " + name + " not found");
  }

  private static ResponseDefinition error(String type, String message) {
    return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
        .withStatus(400)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(Json.writeCompact(Map.of("__type", type, "Message", message)))
        .build();
  }
}
