/**
 * Model definitions (docs/contract.md C1.2): {@link io.connectorkit.core.model.ModelDefinition},
 * its properties, relations and indexes, read from LoopBack model JSON, and {@link
 * io.connectorkit.core.model.Values}, the data-value rules of C2 (coercion, comparison, copies).
 *
 * <p>Audience: applications (defining models) and connector authors (reading them, coercing values
 * the way every connector must).
 */
package io.connectorkit.core.model;
