package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * One kind of AWS resource fnctl manages: how to create, update and delete it. {@link AwsCloud}
 * looks the handler up by {@link #type()} in {@link ResourceTypes}; nothing switches over type
 * strings. Each handler is small and delegates the API calls to the service class that reads the
 * same kind back ({@link SqsQueues}, {@link LambdaFunctions}, ...), so what is written and what is
 * read stay in one place.
 *
 * <p>Ownership is checked before a handler is called: {@link #delete} only ever sees a resource
 * this stack and target own.
 *
 * <p>Reading is not per handler: {@link LiveReader} reads every type at once with bulk calls (the
 * tagging API, IAM's authorization details, one list per service) in parallel, which is what keeps
 * a no-op plan within a few calls per function; a handler per type would make a call per resource.
 * Expansion lives in one small layout per kind of spec item ({@link StackLayout}).
 */
interface ResourceType {

  /** The type string of {@link Resource#type()}, e.g. {@code aws:sqs:queue}. */
  String type();

  /**
   * Creates the resource and returns its outputs (ids, ARNs) for {@link dev.fnctl.provider.Ref}s.
   */
  Map<String, Object> create(Address address, Resource desired, Map<String, Object> after)
      throws ProviderException;

  /**
   * Changes a live resource in place to {@code after}. The default suits a type with nothing to
   * change in place (no properties, or only ones that force replacement): the live outputs stand.
   */
  default Map<String, Object> update(
      Address address, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return live.outputs();
  }

  /** Deletes an owned live resource. */
  void delete(Address address, LiveResource live) throws ProviderException;

  /** The output {@code id} most types record: the cloud's generated identifier. */
  String ID = "id";

  /** The output {@code arn} most other types record: the resource's ARN, for triggers and refs. */
  String ARN = "arn";

  static String id(LiveResource live) {
    return (String) live.outputs().get(ID);
  }
}
