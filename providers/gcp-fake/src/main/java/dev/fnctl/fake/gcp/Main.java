package dev.fnctl.fake.gcp;

import java.util.concurrent.CountDownLatch;

/**
 * The fake standalone: {@code fake-cloud --port PORT} serves until stopped and prints one line,
 * {@code ready http://127.0.0.1:PORT}, once it listens, so a script can wait for that line.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("--port=")) {
        port = Integer.parseInt(args[i].substring("--port=".length()));
      } else {
        System.err.println("usage: fake-cloud gcp --port PORT (0 for a free port)");
        System.exit(2);
      }
    }
    FakeGcp fake;
    try {
      fake = FakeGcp.start(port);
    } catch (IllegalStateException e) {
      System.err.println("fake-cloud gcp: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
    System.out.println("ready " + fake.endpoint());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
