package io.connectorkit.opentelemetry;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * OpenTelemetry tracing of ConnectorKit datasources: a span per DAO operation ({@code find Person},
 * kind INTERNAL) and, as its children, a span per native call ({@code SELECT Person}, kind CLIENT)
 * with the database semantic conventions: {@code db.system}, {@code db.namespace}, {@code
 * db.collection.name}, {@code db.operation.name}, {@code db.query.text} (values elided: the text
 * never holds a parameter), {@code server.address}, {@code server.port}, and on failure the status
 * ERROR, the exception and {@code error.type} (the contract's error code). Every span opened is
 * ended, also when the call fails (CONTRACT C9). The REST connector's requests carry the trace
 * context in their headers (the configured propagators, W3C {@code traceparent} usually), so the
 * server's spans join the trace.
 *
 * <pre>{@code
 * ConnectorKitTracing tracing = ConnectorKitTracing.create(openTelemetry);
 * tracing.instrument(db);
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class ConnectorKitTracing {
  static final String INSTRUMENTATION = "io.connectorkit";

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  private ConnectorKitTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
  }

  /**
   * Tracing through {@code openTelemetry}'s tracer provider and propagators.
   *
   * @param openTelemetry never null
   */
  public static ConnectorKitTracing create(OpenTelemetry openTelemetry) {
    return new ConnectorKitTracing(requireNonNull(openTelemetry, "openTelemetry is null"));
  }

  /**
   * Traces every later operation and native call of {@code dataSource}.
   *
   * @param dataSource never null
   * @return {@code dataSource}, for chaining
   */
  public DataSource instrument(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource is null");
    DataSourceTracer traced = new DataSourceTracer(tracer, openTelemetry, dataSource);
    dataSource.addOperationListener(traced);
    dataSource.addExecuteListener(traced.nativeCalls());
    return dataSource;
  }
}
