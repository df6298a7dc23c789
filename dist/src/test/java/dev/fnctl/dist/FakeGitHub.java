package dev.fnctl.dist;

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
        List<String> out = new ArrayList<>();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++)
          out.add(json(all.get(i)));
        send(ex, 200, "[" + String.join(",", out) + "]");
      } else if (list.matches() && method.equals("POST")) {
        Comment c =
            new Comment(nextId++, Integer.parseInt(list.group(2)), body(ex), "github-actions[bot]");
        comments.add(c);
        send(ex, 201, json(c));
      } else if (update.matches() && method.equals("PATCH")) {
        long id = Long.parseLong(update.group(2));
        for (int i = 0; i < comments.size(); i++) {
          Comment c = comments.get(i);
          if (c.id() == id) {
            Comment updated = new Comment(id, c.issue(), body(ex), c.user());
            comments.set(i, updated);
            send(ex, 200, json(updated));
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

  /** The "body" of a request's JSON object: {"body": "..."}, as the action's jq writes it. */
  private static String body(HttpExchange ex) throws IOException {
    String in = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int[] at = {0};
    expect(in, at, "{");
    expect(in, at, "\"body\"");
    expect(in, at, ":");
    expect(in, at, "\"");
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = in.charAt(at[0]++);
      if (c == '"') break;
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = in.charAt(at[0]++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(in.substring(at[0], at[0] + 4), 16));
          at[0] += 4;
        }
        default -> out.append(e); // \" \\ \/
      }
    }
    expect(in, at, "}");
    if (!in.substring(at[0]).isBlank()) throw new IOException("more than one field: " + in);
    return out.toString();
  }

  /** Skips white space, then {@code token}, or fails: the request is not what GitHub takes. */
  private static void expect(String in, int[] at, String token) throws IOException {
    while (at[0] < in.length() && Character.isWhitespace(in.charAt(at[0]))) at[0]++;
    if (!in.startsWith(token, at[0]))
      throw new IOException("expected " + token + " at " + at[0] + " of " + in);
    at[0] += token.length();
  }

  private static String json(Comment c) {
    return "{\"id\":"
        + c.id()
        + ",\"body\":"
        + quote(c.body())
        + ",\"user\":{\"login\":"
        + quote(c.user())
        + "}}";
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
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
