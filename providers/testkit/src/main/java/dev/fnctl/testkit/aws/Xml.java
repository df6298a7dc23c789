package dev.fnctl.testkit.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A rest-xml payload (S3's tagging, notification and other configurations) read into members by
 * model name, the way the service's own deserializer reads it: elements named by {@code
 * locationName} (or the member name), lists wrapped in an element per member unless {@code
 * flattened}.
 */
final class Xml {
  private Xml() {}

  /** The payload's members, or null when it is not well-formed XML. */
  static Object read(ServiceModel model, String shapeName, String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      return value(model, shapeName, root);
    } catch (Exception e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Object value(ServiceModel model, String shapeName, Element e) {
    Map<String, Object> shape = model.shape(shapeName);
    if (shape == null) return e.getTextContent();
    switch ((String) shape.get("type")) {
      case "structure" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> members = (Map<String, Object>) shape.getOrDefault("members", Map.of());
        for (Map.Entry<String, Object> m : members.entrySet()) {
          Map<String, Object> member = (Map<String, Object>) m.getValue();
          if (member.get("location") != null) continue;
          String name = (String) member.getOrDefault("locationName", m.getKey());
          String memberShape = (String) member.get("shape");
          Map<String, Object> def = model.shape(memberShape);
          if (def != null
              && "list".equals(def.get("type"))
              && Boolean.TRUE.equals(def.get("flattened"))) {
            List<Object> items = new ArrayList<>();
            String itemShape = (String) ((Map<String, Object>) def.get("member")).get("shape");
            for (Element c : children(e, name)) items.add(value(model, itemShape, c));
            if (!items.isEmpty()) out.put(m.getKey(), items);
            continue;
          }
          List<Element> found = children(e, name);
          if (!found.isEmpty()) out.put(m.getKey(), value(model, memberShape, found.get(0)));
        }
        return out;
      }
      case "list" -> {
        Map<String, Object> member = (Map<String, Object>) shape.get("member");
        String itemName = (String) member.getOrDefault("locationName", "member");
        List<Object> items = new ArrayList<>();
        for (Element c : children(e, itemName))
          items.add(value(model, (String) member.get("shape"), c));
        return items;
      }
      default -> {
        return e.getTextContent();
      }
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        String local = c.getLocalName() != null ? c.getLocalName() : c.getTagName();
        if (local.contains(":")) local = local.substring(local.indexOf(':') + 1);
        if (local.equals(name)) out.add(c);
      }
    }
    return out;
  }
}
