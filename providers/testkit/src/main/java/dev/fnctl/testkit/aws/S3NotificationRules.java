package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.http.Request;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
