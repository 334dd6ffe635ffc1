/**
 * The user API's entry points: {@link io.connectorkit.core.DataSources} loads datasource JSON, a
 * {@link io.connectorkit.core.DataSource} holds one connector and its models, {@link
 * io.connectorkit.core.Dao} is a model's data-access object (rows as maps) and {@link
 * io.connectorkit.core.Repository} its typed twin over Java records.
 *
 * <p>Audience: applications. The DAO's machinery (write pipeline, include resolution, residual
 * queries, upsert shims, type mapping) lives here too, package-private, so that it can share the
 * DAO's state without becoming API.
 */
package io.connectorkit.core;
