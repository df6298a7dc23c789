package dev.fnctl.provider.aws;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The lock as an SSM parameter {@code /fnctl/<stack>/<target>/lock}: PutParameter without overwrite
 * creates it only if absent, which is atomic in SSM. Its value is the holder as JSON.
 */
final class SsmStackLock implements StackLock {
  private final AwsSession s;
  private final String parameter;

  SsmStackLock(AwsSession s) {
    this.s = s;
    this.parameter = s.names.lockParameter();
  }

  private SsmClient ssm() {
    return s.clients.ssm.get();
  }

  @Override
  public Optional<Holder> tryAcquire(Holder me) throws ProviderException {
    String value = write(me);
    try {
      s.call(
          "PutParameter",
          parameter,
          () ->
              ssm()
                  .putParameter(
                      b ->
                          b.name(parameter)
                              .value(value)
                              .type(ParameterType.STRING)
                              .overwrite(false)
                              .description(
                                  "fnctl apply/destroy lock of "
                                      + s.names.stack()
                                      + "/"
                                      + s.names.target())));
      return Optional.empty();
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ParameterAlreadyExistsException)) throw e;
    }
    Optional<Holder> holder = holder();
    // Taken by us already (a retried PutParameter whose first attempt got through): ours.
    if (holder.isPresent() && holder.get().id().equals(me.id())) return Optional.empty();
    return holder.isPresent() ? holder : tryAcquire(me);
  }

  @Override
  public void release(Holder me) throws ProviderException {
    Optional<Holder> holder = holder();
    if (holder.isPresent() && holder.get().id().equals(me.id())) forceRelease();
  }

  @Override
  public Optional<Holder> holder() throws ProviderException {
    try {
      String value =
          s.call(
              "GetParameter",
              parameter,
              () -> ssm().getParameter(b -> b.name(parameter)).parameter().value());
      return Optional.of(read(value));
    } catch (ProviderException e) {
      if (e.getCause() instanceof ParameterNotFoundException) return Optional.empty();
      throw e;
    }
  }

  @Override
  public void forceRelease() throws ProviderException {
    try {
      s.call("DeleteParameter", parameter, () -> ssm().deleteParameter(b -> b.name(parameter)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ParameterNotFoundException)) throw e;
    }
  }

  static String write(Holder h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", h.id());
    m.put("who", h.who());
    m.put("operation", h.operation());
    m.put("since", h.since().toString());
    return Json.writeCompact(m);
  }

  static Holder read(String value) {
    try {
      Map<String, Object> m = Json.parseObject(value);
      return new Holder(
          String.valueOf(m.get("id")),
          String.valueOf(m.get("who")),
          String.valueOf(m.get("operation")),
          Instant.parse(String.valueOf(m.get("since"))));
    } catch (RuntimeException e) {
      return new Holder("unknown", value, "unknown", Instant.EPOCH);
    }
  }
}
