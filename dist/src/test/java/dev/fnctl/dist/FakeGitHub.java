package dev.fnctl.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for the parts of GitHub the action talks to, on 127.0.0.1: the issue comments
 * of the REST API (list with {@code per_page}/{@code page}, create, update; the bearer token
 * checked) and release downloads ({@code /download/NAME} serves a file, counting requests). Every
 * request is recorded as "METHOD path".
 */
final class FakeGitHub implements AutoCloseable {
  static final String TOKEN = "ghs_test_token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LIST =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern UPDATE =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");

  record Comment(long id, int issue, String body, String user) {}

  private final HttpServer server;
  final List<Comment> comments = new ArrayList<>();
  final List<String> requests = new ArrayList<>();
  final Map<String, Path> downloads = new ConcurrentHashMap<>();
  private long nextId = 1000;

  FakeGitHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized void seed(int issue, int count, String user) {
    for (int i = 0; i < count; i++)
      comments.add(new Comment(nextId++, issue, "looks good " + i, user));
  }

  synchronized List<Comment> on(int issue) {
    return comments.stream().filter(c -> c.issue() == issue).toList();
  }

  synchronized long count(String methodAndPathPrefix) {
    return requests.stream().filter(r -> r.startsWith(methodAndPathPrefix)).count();
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    String path = uri.getPath();
    String method = ex.getRequestMethod();
    requests.add(method + " " + path);
    try {
      if (path.startsWith("/download/")) {
        Path file = downloads.get(path.substring("/download/".length()));
        if (file == null) {
          send(ex, 404, "Not Found");
          return;
        }
        ex.sendResponseHeaders(200, Files.size(file));
        Files.copy(file, ex.getResponseBody());
        return;
      }
      if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        send(ex, 401, "{\"message\":\"Bad credentials\"}");
        return;
      }
      Matcher list = LIST.matcher(path);
      Matcher update = UPDATE.matcher(path);
      if (list.matches() && method.equals("GET")) {
        int issue = Integer.parseInt(list.group(2));
        Map<String, String> q = query(uri.getRawQuery());
        int perPage = Integer.parseInt(q.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        List<Comment> all = on(issue);
        ArrayNode out = JSON.createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++)
          out.add(node(all.get(i)));
        send(ex, 200, out.toString());
      } else if (list.matches() && method.equals("POST")) {
        Comment c =
            new Comment(nextId++, Integer.parseInt(list.group(2)), body(ex), "github-actions[bot]");
        comments.add(c);
        send(ex, 201, node(c).toString());
      } else if (update.matches() && method.equals("PATCH")) {
        long id = Long.parseLong(update.group(2));
        for (int i = 0; i < comments.size(); i++) {
          Comment c = comments.get(i);
          if (c.id() == id) {
            Comment updated = new Comment(id, c.issue(), body(ex), c.user());
            comments.set(i, updated);
            send(ex, 200, node(updated).toString());
            return;
          }
        }
        send(ex, 404, "{\"message\":\"Not Found\"}");
      } else {
        send(ex, 404, "{\"message\":\"Not Found\"}");
      }
    } finally {
      ex.close();
    }
  }

  private static String body(HttpExchange ex) throws IOException {
    JsonNode in = JSON.readTree(ex.getRequestBody());
    return in.get("body").asText();
  }

  private static ObjectNode node(Comment c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id());
    n.put("body", c.body());
    n.putObject("user").put("login", c.user());
    return n;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new java.util.HashMap<>();
    if (raw == null) return q;
    for (String kv : raw.split("&")) {
      String[] p = kv.split("=", 2);
      q.put(p[0], p.length > 1 ? p[1] : "");
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
