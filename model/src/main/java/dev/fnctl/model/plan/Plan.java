package dev.fnctl.model.plan;

import java.util.List;
import java.util.Map;

/**
 * What {@code fnctl plan} found: the data every view renders and {@code --out} saves.
 *
 * <p>A saved plan is applied only if the spec still has {@code specDigest}, the live state still
 * has {@code liveDigest}, and the changes computed again are the saved ones in every value
 * (sensitive ones through their digest); otherwise it is stale and refused, because what was
 * reviewed is not what would be done.
 *
 * @param formatVersion bumped on any incompatible change of the JSON form ({@link PlanDocument})
 * @param mode what the plan was made for: applying the spec, or destroying what the stack owns. A
 *     saved plan is checked and applied in its own mode, never in one guessed from its changes
 * @param specFile the spec path as given on the command line, so {@code apply PLAN} reloads it from
 *     the same place in another checkout (a CI deploy job)
 * @param specFileAbsolute the same file's absolute path, so {@code apply PLAN} finds it from any
 *     directory on the machine it was made on; null in plans from before it was recorded
 * @param changes every managed resource, no-ops included, in dependency order
 * @param outputs what the user will want after apply (endpoint URLs), known so far
 */
public record Plan(
    String formatVersion,
    String fnctlVersion,
    Mode mode,
    String stack,
    String target,
    String provider,
    String specFile,
    String specFileAbsolute,
    String specDigest,
    String liveDigest,
    List<ResourceChange> changes,
    Map<String, String> outputs) {

  /** 2.0: {@code mode} is recorded. */
  public static final String FORMAT_VERSION = "2.0";

  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> c.action() != Action.NO_OP);
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** Terraform-compatible counting: a replacement is one add and one destroy. */
  public Summary summary() {
    return Summary.of(changes);
  }

  public record Summary(long add, long change, long destroy) {
    /** The totals of {@code changes}: what a plan will do, or what an apply did. */
    public static Summary of(java.util.Collection<ResourceChange> changes) {
      long add = 0, change = 0, destroy = 0;
      for (ResourceChange c : changes) {
        switch (c.action()) {
          case CREATE -> add++;
          case UPDATE -> change++;
          case DELETE -> destroy++;
          case REPLACE -> {
            add++;
            destroy++;
          }
          case NO_OP -> {}
        }
      }
      return new Summary(add, change, destroy);
    }
  }

  /** What a plan is for, as {@code terraform plan} and {@code terraform plan -destroy} differ. */
  public enum Mode {
    /** Make the cloud match the spec: {@code fnctl plan}, {@code fnctl apply}. */
    APPLY,
    /** Delete everything the stack owns on the target: {@code fnctl destroy}. */
    DESTROY;

    /** The word in plan files and JSON. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Mode ofWord(String word) {
      for (Mode m : values()) if (m.word().equals(word)) return m;
      throw new IllegalArgumentException("unknown plan mode " + word);
    }
  }
}
