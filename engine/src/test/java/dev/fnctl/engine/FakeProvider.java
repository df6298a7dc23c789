package dev.fnctl.engine;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A provider whose every session is the same {@link FakeCloud}. */
final class FakeProvider implements Provider {
  final FakeCloud cloud = new FakeCloud();
  final List<Problem> problems = new ArrayList<>();
  boolean failOnValidate;
  Context context;

  @Override
  public String id() {
    return "fake";
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("region", "where it runs", "endpoint", "an API endpoint");
  }

  @Override
  public List<Problem> validate(Deployment deployment) {
    if (failOnValidate) throw new IllegalStateException("a value the model left out");
    return problems;
  }

  @Override
  public Cloud connect(Deployment deployment, Context context) {
    this.context = context;
    return cloud;
  }
}
