/**
 * Loading a spec file: {@link dev.fnctl.model.load.SpecLoader} reads the YAML keeping every
 * position, resolves variables, checks everything and either returns an immutable {@link
 * dev.fnctl.model.spec.Spec} or throws a {@link dev.fnctl.model.diag.SpecException} with every
 * problem as {@code file:line:column: path: message}. {@link dev.fnctl.model.load.SpecSchema} is
 * the same rules as a JSON Schema for editors.
 *
 * <p>The package-private pieces are named after what they read: {@code SpecReader} (the document),
 * {@code FunctionReader}, {@code TriggerReader}, {@code SettingsReader}, {@code ResourceReader},
 * {@code BudgetReader}, {@code TargetReader}, on top of {@code SpecNode} (a YAML node with its path
 * and position) and small rules: {@code Names}, {@code Durations}, {@code Variables}, {@code
 * DidYouMean}, {@code TargetChoice}.
 */
package dev.fnctl.model.load;
