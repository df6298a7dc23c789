package dev.fnctl.provider.gcp;

import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.provider.Providers;
import dev.fnctl.testkit.ProviderContract;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The GCP provider passes the contract every provider passes, through the engine, on the fake. */
class GcpContractIT extends ProviderContract {
  static FakeGcp fake;
  private static final AtomicInteger RUN = new AtomicInteger();

  /** The fake keeps state for the class: each test deploys its own stack. */
  private final String stack = "contract" + RUN.incrementAndGet();

  @BeforeAll
  static void start() {
    fake = FakeGcp.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Override
  protected Providers providers() {
    return Providers.of(List.of(new GcpProvider()));
  }

  @Override
  protected String target() {
    return GcpSpecs.target(fake.endpoint());
  }

  @Override
  protected String stack() {
    return stack;
  }
}
