package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.EVENT_SOURCE;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceInUseException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda event source mappings from SQS queues. Listed in bulk (one call for up to 10,000) and kept
 * when their function belongs to the stack; a mapping has no name, so its address is function/queue
 * and its UUID an output.
 */
final class EventSources {
  private final AwsSession s;

  EventSources(AwsSession s) {
    this.s = s;
  }

  private LambdaClient lambda() {
    return s.clients.lambda.get();
  }

  List<LiveResource> read(Set<String> functionNames) throws ProviderException {
    List<LiveResource> out = new ArrayList<>();
    // A second mapping of one queue to one function (a create whose reply was lost, where the API
    // did not refuse it) gets an address of its own, so the plan deletes it.
    Set<String> taken = new HashSet<>();
    String marker = null;
    do {
      String m = marker;
      var page =
          s.call(
              "ListEventSourceMappings",
              "all",
              () -> lambda().listEventSourceMappings(b -> b.maxItems(10000).marker(m)));
      for (EventSourceMappingConfiguration c : page.eventSourceMappings()) {
        String fnArn = c.functionArn();
        if (fnArn == null) continue;
        String qualified = StackNames.qualifiedName(fnArn).replace(":$LATEST", "");
        String fn = StackNames.functionName(qualified);
        if (!functionNames.contains(fn)) continue;
        String source = c.eventSourceArn();
        String queue = source.substring(source.lastIndexOf(':') + 1);
        Map<String, Object> p = new LinkedHashMap<>();
        // The function or the alias it delivers to (a warm function's), as the spec would write it.
        p.put(EventSourceType.FUNCTION, s.names.functionArn(qualified));
        p.put(EventSourceType.SOURCE, source);
        p.put(EventSourceType.BATCH_SIZE, c.batchSize() == null ? 10L : c.batchSize().longValue());
        p.put(
            EventSourceType.ENABLED,
            !"Disabled".equalsIgnoreCase(c.state()) && !"Disabling".equalsIgnoreCase(c.state()));
        String neutral = s.names.neutral(fn);
        out.add(
            new LiveResource(
                HttpApis.unique(taken, AwsTypes.address(EVENT_SOURCE, fn + "/" + queue), c.uuid()),
                EVENT_SOURCE,
                "function " + (neutral == null ? fn : neutral),
                true,
                p,
                Map.of(ResourceType.ID, c.uuid()),
                List.of(
                    AwsTypes.address(AwsTypes.FUNCTION, fn),
                    AwsTypes.address(AwsTypes.QUEUE, queue))));
      }
      marker = page.nextMarker();
    } while (marker != null);
    return out;
  }

  Map<String, Object> create(String address, Map<String, Object> after) throws ProviderException {
    String uuid;
    try {
      uuid = createMapping(address, after);
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceConflictException)) throw e;
      // A retried create whose first attempt got through: adopt that mapping, never a second one.
      EventSourceMappingConfiguration existing =
          s.call(
              "ListEventSourceMappings",
              address,
              () ->
                  lambda()
                      .listEventSourceMappings(
                          b ->
                              b.functionName((String) after.get(EventSourceType.FUNCTION))
                                  .eventSourceArn((String) after.get(EventSourceType.SOURCE)))
                      .eventSourceMappings()
                      .stream()
                      .findFirst()
                      .orElseThrow(() -> e));
      if (!"Deleting".equalsIgnoreCase(existing.state()))
        return update(address, existing.uuid(), after);
      // The same queue and function's mapping is still being deleted (a destroy a moment ago):
      // Lambda refuses a new one until it is gone, so wait for that, then create.
      awaitGone(address, existing.uuid());
      uuid = createMapping(address, after);
    }
    // Where the API does not refuse a second mapping of the same queue to the same function (moto
    // does not), a retried create whose first reply was lost makes one: keep the one returned.
    for (String other : mappings(after)) if (!other.equals(uuid)) delete(address, other);
    return Map.of(ResourceType.ID, uuid);
  }

  /** How long a deleted mapping may stay Deleting before fnctl gives up waiting for it. */
  static final Duration MAPPING_DELETION = Duration.ofMinutes(5);

  private void awaitGone(String address, String uuid) throws ProviderException {
    s.log.note(
        "CreateEventSourceMapping "
            + address
            + ": the mapping of this queue and function is still being deleted; waiting for it to"
            + " be gone");
    Optional<String> gone =
        s.await(
            "GetEventSourceMapping",
            uuid,
            () -> {
              try {
                return lambda().getEventSourceMapping(b -> b.uuid(uuid)).state();
              } catch (ResourceNotFoundException notFound) {
                return "gone";
              }
            },
            "gone"::equals,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            MAPPING_DELETION);
    if (gone.isEmpty() && !s.deadline().expired())
      throw new ProviderException(
          ProviderException.Kind.CONFLICT,
          "CreateEventSourceMapping "
              + address
              + ": the earlier mapping "
              + uuid
              + " of this queue and function is still Deleting after "
              + MAPPING_DELETION.toMinutes()
              + " minutes; run apply again once it is gone");
  }

  private List<String> mappings(Map<String, Object> after) throws ProviderException {
    String function = (String) after.get(EventSourceType.FUNCTION);
    String source = (String) after.get(EventSourceType.SOURCE);
    List<String> out = new ArrayList<>();
    for (EventSourceMappingConfiguration c :
        s.call(
            "ListEventSourceMappings",
            function,
            () ->
                lambda()
                    .listEventSourceMappings(b -> b.functionName(function).eventSourceArn(source))
                    .eventSourceMappings())) {
      if (source.equals(c.eventSourceArn())
          && c.functionArn() != null
          && StackNames.qualifiedName(c.functionArn())
              .replace(":$LATEST", "")
              .equals(StackNames.qualifiedName(function))) out.add(c.uuid());
    }
    return out;
  }

  private String createMapping(String address, Map<String, Object> after) throws ProviderException {
    return s.callRetrying(
        "CreateEventSourceMapping",
        address,
        e -> isRolePropagation(e) || LambdaFunctions.isUpdateInProgress(e),
        () ->
            lambda()
                .createEventSourceMapping(
                    b ->
                        b.functionName((String) after.get(EventSourceType.FUNCTION))
                            .eventSourceArn((String) after.get(EventSourceType.SOURCE))
                            .batchSize(((Long) after.get(EventSourceType.BATCH_SIZE)).intValue())
                            .enabled((Boolean) after.get(EventSourceType.ENABLED)))
                .uuid());
  }

  /** The function's role may not yet be visible to Lambda's SQS permission check. */
  static boolean isRolePropagation(AwsServiceException e) {
    return e instanceof InvalidParameterValueException
        && String.valueOf(e.getMessage()).contains("execution role does not have permissions");
  }

  /**
   * A mapping still Creating, Updating or Deleting refuses changes with ResourceInUseException
   * until it settles (the Lambda API reference); its function still updating refuses them too.
   */
  static boolean isMappingBusy(AwsServiceException e) {
    return e instanceof ResourceInUseException || LambdaFunctions.isUpdateInProgress(e);
  }

  Map<String, Object> update(String address, String uuid, Map<String, Object> after)
      throws ProviderException {
    s.callRetrying(
        "UpdateEventSourceMapping",
        address,
        EventSources::isMappingBusy,
        () ->
            lambda()
                .updateEventSourceMapping(
                    b ->
                        b.uuid(uuid)
                            .functionName((String) after.get(EventSourceType.FUNCTION))
                            .batchSize(((Long) after.get(EventSourceType.BATCH_SIZE)).intValue())
                            .enabled((Boolean) after.get(EventSourceType.ENABLED))));
    return Map.of(ResourceType.ID, uuid);
  }

  void delete(String address, String uuid) throws ProviderException {
    try {
      s.callRetrying(
          "DeleteEventSourceMapping",
          address,
          EventSources::isMappingBusy,
          () -> lambda().deleteEventSourceMapping(b -> b.uuid(uuid)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) throw e;
    }
  }
}
