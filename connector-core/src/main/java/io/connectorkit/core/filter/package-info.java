/**
 * The filter language (docs/contract.md C4): {@link io.connectorkit.core.filter.Filter}, the
 * immutable condition tree {@link io.connectorkit.core.filter.Where}, order, fields and include;
 * {@link io.connectorkit.core.filter.FilterParser} reads filter JSON, {@link
 * io.connectorkit.core.filter.FilterBinder} binds a filter to a model (names and value coercion),
 * and {@link io.connectorkit.core.filter.FilterEvaluator} is the reference evaluator of C4: what
 * the core applies to residual conditions, and what a connector without native querying uses to
 * evaluate a whole filter.
 *
 * <p>Audience: applications (building filters) and connector authors (translating them).
 */
package io.connectorkit.core.filter;
