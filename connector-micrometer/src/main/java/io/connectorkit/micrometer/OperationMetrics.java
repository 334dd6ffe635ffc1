package io.connectorkit.micrometer;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.OperationContext;
import io.connectorkit.core.OperationListener;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The timers and counters of one datasource. Immutable; thread-safe through the registry. */
final class OperationMetrics implements OperationListener {
  static final String OPERATION = "connectorkit.operation";
  static final String NATIVE_CALL = "connectorkit.native.call";
  static final String RESIDUALS = "connectorkit.residual.evaluations";
  static final String SHIMS = "connectorkit.shim.fallbacks";

  private final MeterRegistry registry;
  private final String dataSource;
  private final String connector;

  OperationMetrics(MeterRegistry registry, DataSource dataSource) {
    this.registry = requireNonNull(registry, "registry is null");
    this.dataSource = dataSource.name();
    this.connector = dataSource.connectorName();
  }

  @Override
  public void afterOperation(OperationContext context) {
    String error = context.errorCode();
    Timer.builder(OPERATION)
        .description("ConnectorKit DAO operations")
        .tag("datasource", dataSource)
        .tag("connector", connector)
        .tag("model", context.model())
        .tag("operation", context.operation())
        .tag("outcome", error == null ? "success" : "error")
        .tag("error", error == null ? "none" : error)
        .register(registry)
        .record(context.duration());
  }

  @Override
  public void fallback(String dataSource, String model, String operation, Fallback fallback) {
    Counter.builder(fallback == Fallback.RESIDUAL ? RESIDUALS : SHIMS)
        .description(
            fallback == Fallback.RESIDUAL
                ? "Conditions or orders the core evaluated in memory"
                : "Optional writes the core ran as read-then-write")
        .tag("datasource", dataSource)
        .tag("model", model)
        .tag("operation", operation)
        .register(registry)
        .increment();
  }

  /** The listener timing every native call of this datasource. */
  ExecuteListener nativeCalls() {
    return new ExecuteListener() {
      @Override
      public void afterExecute(ExecuteContext context) {
        Throwable failure = context.error();
        String error =
            failure == null
                ? null
                : failure instanceof ConnectorException e
                    ? e.code().name()
                    : failure.getClass().getSimpleName();
        Timer.builder(NATIVE_CALL)
            .description(
                "ConnectorKit native calls (SQL statements, Mongo commands, HTTP requests)")
            .tag("datasource", dataSource)
            .tag("connector", connector)
            .tag("model", context.model() == null ? "none" : context.model())
            .tag("operation", context.call().operation())
            .tag("outcome", error == null ? "success" : "error")
            .tag("error", error == null ? "none" : error)
            .register(registry)
            .record(context.duration());
      }
    };
  }
}
