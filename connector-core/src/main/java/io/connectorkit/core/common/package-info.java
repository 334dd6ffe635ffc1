/**
 * The vocabulary every other package shares: {@link io.connectorkit.core.common.ConnectorException}
 * and its {@link io.connectorkit.core.common.ErrorCode}s (docs/contract.md C5), {@link
 * io.connectorkit.core.common.Options}, {@link io.connectorkit.core.common.Transaction}, {@link
 * io.connectorkit.core.common.IsolationLevel}, {@link io.connectorkit.core.common.Feature} and
 * {@link io.connectorkit.core.common.UpsertResult}.
 *
 * <p>Audience: applications and connector authors alike. The package depends on no other package of
 * ConnectorKit, which keeps the core free of package cycles.
 */
package io.connectorkit.core.common;
