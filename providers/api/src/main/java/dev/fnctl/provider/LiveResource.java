package dev.fnctl.provider;

import java.util.Map;

/**
 * A resource as it is now in the cloud, normalised to the shape of {@link Resource#properties()}.
 *
 * @param owned true when it carries the stack's ownership tag/label (or, for what cannot be
 *     tagged, lives in the stack's name or group). Only owned resources are ever updated or
 *     deleted; a desired address that is live but not owned is a name clash, reported as an error.
 * @param outputs values other resources refer to with a {@link Ref} (arn, id, url)
 */
public record LiveResource(
    String address, String type, String item, boolean owned, Map<String, Object> properties, Map<String, Object> outputs) {}
