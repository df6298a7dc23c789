package dev.fnctl.fake.azure;

import java.util.Set;

/** The polling URLs of long-running operations (Azure-AsyncOperation and Location). */
final class OperationsApi {
  private final ArmContext ctx;

  OperationsApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var base =
        "/subscriptions/" + Router.SEG + "/providers/" + Router.SEG + "/locations/" + Router.SEG;
    // Polls carry the api-version of the request that started them; any is accepted.
    router.add(
        "GET",
        base + "/operationStatuses/(?<op>[^/]+)",
        Set.of(),
        r -> ctx.operations.status(r.group("op")));
    router.add(
        "GET",
        base + "/operationResults/(?<op>[^/]+)",
        Set.of(),
        r -> ctx.operations.result(r.group("op")));
    // Microsoft.Storage's Location: .../locations/{region}/asyncoperations/{id}?monitor=true
    router.add(
        "GET",
        base + "/asyncoperations/(?<op>[^/]+)",
        Set.of(),
        r -> ctx.operations.result(r.group("op")));
  }
}
