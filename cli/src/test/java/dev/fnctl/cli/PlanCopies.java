package dev.fnctl.cli;

import dev.fnctl.model.plan.Plan;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * A plan like another with one component replaced. Through the record's components rather than its
 * constructor, so tests keep compiling when the plan gains a field.
 */
final class PlanCopies {
  private PlanCopies() {}

  static Plan withChanges(Plan plan, List<?> changes) {
    return with(plan, "changes", changes);
  }

  static Plan withOutputs(Plan plan, Map<String, String> outputs) {
    return with(plan, "outputs", outputs);
  }

  private static Plan with(Plan plan, String component, Object value) {
    try {
      RecordComponent[] components = Plan.class.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] =
            components[i].getName().equals(component)
                ? value
                : components[i].getAccessor().invoke(plan);
      }
      Constructor<Plan> c = Plan.class.getDeclaredConstructor(types);
      return c.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
