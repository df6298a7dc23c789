package dev.fnctl.provider.gcp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of the fake that lets another tool write an IAM policy between fnctl's
 * read and its write: before it forwards fnctl's first policy write, it runs {@code racer} (which
 * changes the same policy directly on the fake, so fnctl's etag is stale), then forwards fnctl's
 * write as it came. Everything else passes through unchanged.
 */
final class PolicyRacer implements AutoCloseable {
  interface Racer {
    void race(String path) throws Exception;
  }

  private static final Set<String> HOP =
      Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade", "expect");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  final AtomicInteger policyWrites = new AtomicInteger();
  final AtomicInteger raced = new AtomicInteger();

  PolicyRacer(String target, Racer racer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try {
            String path = exchange.getRequestURI().toString();
            String method = exchange.getRequestMethod();
            boolean policyWrite =
                path.contains(":setIamPolicy") || (method.equals("PUT") && path.contains("/iam"));
            if (policyWrite && policyWrites.incrementAndGet() == 1) {
              racer.race(path);
              raced.incrementAndGet();
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(target + path))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            exchange
                .getRequestHeaders()
                .forEach(
                    (k, vs) -> {
                      if (!HOP.contains(k.toLowerCase())) vs.forEach(v -> b.header(k, v));
                    });
            HttpResponse<byte[]> r =
                client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers()
                .map()
                .forEach(
                    (k, vs) -> {
                      if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":"))
                        exchange.getResponseHeaders().put(k, vs);
                    });
            exchange.sendResponseHeaders(
                r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(r.body());
            }
          } catch (Exception e) {
            exchange.sendResponseHeaders(502, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
