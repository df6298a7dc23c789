package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Corrects one deviation of moto 5.2.1 from AWS on the way back from moto: EventBridge Scheduler's
 * ListTagsForResource of a schedule group that was deleted still answers its old tags, where AWS
 * answers ResourceNotFoundException (API reference, ListTagsForResource errors). Asks moto whether
 * the group exists (GetScheduleGroup) and answers as AWS would when it does not.
 */
public final class ScheduleGroupTagsFix extends MotoExtension implements ResponseTransformerV2 {
  public static final String NAME = "fnctl-schedule-group-tags";
  public static final String PATH = "/tags/.*schedule-group.*";

  private final MotoLookup moto;

  ScheduleGroupTagsFix(MotoLookup moto) {
    super(NAME);
    this.moto = moto;
  }

  @Override
  public Response transform(Response response, ServeEvent event) {
    if (response.getStatus() != 200 || !event.getRequest().getMethod().getName().equals("GET"))
      return response;
    String arn =
        URLDecoder.decode(
            URI.create(event.getRequest().getUrl()).getRawPath().substring("/tags/".length()),
            StandardCharsets.UTF_8);
    String group = arn.substring(arn.indexOf("schedule-group/") + "schedule-group/".length());
    if (moto.get(
            "/schedule-groups/" + URLEncoder.encode(group, StandardCharsets.UTF_8),
            event.getRequest().getHeader("Authorization"))
        .isPresent()) {
      return response;
    }
    return Response.Builder.like(response)
        .but()
        .status(404)
        .headers(
            new HttpHeaders(
                new HttpHeader("Content-Type", "application/json"),
                new HttpHeader("x-amzn-ErrorType", "ResourceNotFoundException")))
        .body("{\"Message\":\"Schedule group " + group + " does not exist.\"}")
        .build();
  }
}
