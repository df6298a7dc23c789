package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.http.Request;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * S3's rule for a bucket's notification configuration that moto 5.2.1 does not check: two entries
 * (of any destination kind) may not share an event type when both their prefixes and their suffixes
 * overlap (one is a prefix, resp. suffix, of the other; an absent filter overlaps everything). S3
 * refuses the whole PUT with InvalidArgument "Configuration is ambiguously defined. Cannot have
 * overlapping suffixes in two rules if the prefixes are overlapping for the same event type." (AWS,
 * "Configuring event notifications using object key name filtering").
 */
final class S3NotificationRules {
  static final String OVERLAP =
      "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the"
          + " prefixes are overlapping for the same event type.";

  private S3NotificationRules() {}

  /** One entry: its events and its key filter. */
  record Entry(List<String> events, String prefix, String suffix) {
    boolean overlaps(Entry other) {
      boolean sameEvent = false;
      for (String a : events) for (String b : other.events) sameEvent |= eventsOverlap(a, b);
      return sameEvent
          && (prefix.startsWith(other.prefix) || other.prefix.startsWith(prefix))
          && (suffix.endsWith(other.suffix) || other.suffix.endsWith(suffix));
    }
  }

  /** {@code s3:ObjectCreated:*} covers {@code s3:ObjectCreated:Put}. */
  static boolean eventsOverlap(String a, String b) {
    if (a.equals(b)) return true;
    if (a.endsWith(":*") && b.startsWith(a.substring(0, a.length() - 1))) return true;
    return b.endsWith(":*") && a.startsWith(b.substring(0, b.length() - 1));
  }

  /** The message S3 answers a PutBucketNotificationConfiguration with, or null when it is fine. */
  static String problem(ServiceModel model, String operation, Request request) {
    if (!model.name().equals("s3") || !operation.equals("PutBucketNotificationConfiguration"))
      return null;
    List<Entry> entries = entries(request.getBodyAsString());
    for (int i = 0; i < entries.size(); i++)
      for (int j = i + 1; j < entries.size(); j++)
        if (entries.get(i).overlaps(entries.get(j))) return OVERLAP;
    return null;
  }

  /**
   * Without {@code x-amz-skip-destination-validation: true}, S3 checks that it can deliver to every
   * destination of the configuration, other owners' entries too, and refuses the whole PUT when one
   * fails: InvalidArgument "Unable to validate the following destination configurations", each
   * failing destination as an ArgumentName/ArgumentValue pair. Here a Lambda destination must be a
   * function moto holds. Returns the error body's message and arguments, or null.
   */
  static String unvalidatedDestination(
      ServiceModel model, String operation, Request request, MotoLookup moto) {
    if (moto == null
        || !model.name().equals("s3")
        || !operation.equals("PutBucketNotificationConfiguration")) return null;
    if ("true".equalsIgnoreCase(request.getHeader("x-amz-skip-destination-validation")))
      return null;
    String auth = request.getHeader("Authorization");
    if (auth == null) return null;
    String asLambda = auth.replace("/s3/aws4_request", "/lambda/aws4_request");
    for (String arn : lambdaDestinations(request.getBodyAsString())) {
      String name = arn.substring(arn.indexOf(":function:") + ":function:".length());
      if (moto.get("/2015-03-31/functions/" + name, asLambda).isEmpty())
        return "<ArgumentName1>"
            + arn
            + "</ArgumentName1><ArgumentValue1>Not authorized to invoke function ["
            + arn
            + "]</ArgumentValue1>";
    }
    return null;
  }

  static final String UNVALIDATED = "Unable to validate the following destination configurations";

  private static List<String> lambdaDestinations(String xml) {
    List<String> out = new ArrayList<>();
    if (xml == null) return out;
    Matcher m = Pattern.compile("<CloudFunction>\\s*([^<]+?)\\s*</CloudFunction>").matcher(xml);
    while (m.find()) if (m.group(1).contains(":function:")) out.add(m.group(1));
    return out;
  }

  static List<Entry> entries(String xml) {
    List<Entry> out = new ArrayList<>();
    if (xml == null || xml.isBlank()) return out;
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      return out;
    }
    NodeList children = doc.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (!(children.item(i) instanceof Element config)) continue;
      List<String> events = new ArrayList<>();
      String prefix = "";
      String suffix = "";
      for (Element e : elements(config, "Event")) events.add(e.getTextContent().trim());
      for (Element rule : elements(config, "FilterRule")) {
        String name = text(rule, "Name");
        String value = text(rule, "Value");
        if ("prefix".equalsIgnoreCase(name)) prefix = value;
        if ("suffix".equalsIgnoreCase(name)) suffix = value;
      }
      out.add(new Entry(events, prefix, suffix));
    }
    return out;
  }

  private static List<Element> elements(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    NodeList all = parent.getElementsByTagNameNS("*", localName);
    if (all.getLength() == 0) all = parent.getElementsByTagName(localName);
    for (int i = 0; i < all.getLength(); i++) if (all.item(i) instanceof Element e) out.add(e);
    return out;
  }

  private static String text(Element parent, String localName) {
    NodeList all = parent.getElementsByTagName(localName);
    for (int i = 0; i < all.getLength(); i++) {
      Node n = all.item(i);
      return n.getTextContent().trim();
    }
    return "";
  }
}
