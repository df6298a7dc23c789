package dev.fnctl.provider;

import java.util.List;

/**
 * Everything a provider read for one deployment: the resources the stack owns, and any resource
 * found at a desired address even when not owned (so the engine can refuse a clash).
 */
public record LiveState(List<LiveResource> resources) {

  public java.util.Optional<LiveResource> find(String address) {
    return resources.stream().filter(r -> r.address().equals(address)).findFirst();
  }
}
