package io.connectorkit.spring;

import io.connectorkit.core.DataSource;

/**
 * Something a bean of the context adds to every datasource before its first connection: metrics,
 * tracing.
 */
@FunctionalInterface
interface Instrumentation {
  /** Instruments {@code dataSource}, which is not connected yet. */
  void instrument(DataSource dataSource);
}
