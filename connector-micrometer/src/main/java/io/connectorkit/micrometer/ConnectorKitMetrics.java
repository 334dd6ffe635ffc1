package io.connectorkit.micrometer;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Micrometer metrics of ConnectorKit datasources. Binding it to a registry adds, per datasource:
 *
 * <ul>
 *   <li>{@value OperationMetrics#OPERATION}: a timer per DAO operation, tagged {@code datasource},
 *       {@code connector}, {@code model}, {@code operation} (the DAO primitive), {@code outcome}
 *       ({@code success} or {@code error}) and {@code error} (the contract code, or {@code none});
 *   <li>{@value OperationMetrics#NATIVE_CALL}: a timer per native call (CONTRACT C9), tagged {@code
 *       datasource}, {@code connector}, {@code model} ({@code none} for datasource-level calls),
 *       {@code operation} (the backend's verb: {@code SELECT}, {@code find}, {@code GET}), {@code
 *       outcome} and {@code error};
 *   <li>{@value OperationMetrics#RESIDUALS} and {@value OperationMetrics#SHIMS}: counters of the
 *       times the core evaluated a residual in memory (C4.6) or ran an optional write as its shim
 *       (C3), tagged {@code datasource}, {@code model}, {@code operation};
 *   <li>for a SQL datasource (with {@code connector-sql} on the class path), HikariCP's own pool
 *       metrics ({@code hikaricp.connections…}) with the datasource's name as the {@code pool} tag,
 *       from the pool it next opens: bind before the datasource's first operation.
 * </ul>
 *
 * <p>Tag values come from names (datasource, model, verb), never from record values, so the number
 * of series stays bounded. Immutable; bind it once per registry.
 */
public final class ConnectorKitMetrics implements MeterBinder {
  private final List<DataSource> dataSources;

  private ConnectorKitMetrics(List<DataSource> dataSources) {
    this.dataSources = dataSources;
  }

  /**
   * Metrics of these datasources.
   *
   * @param dataSources never null, no element null
   */
  public static ConnectorKitMetrics of(DataSource... dataSources) {
    return of(List.of(requireNonNull(dataSources, "dataSources is null")));
  }

  /**
   * Metrics of these datasources.
   *
   * @param dataSources never null, no element null
   */
  public static ConnectorKitMetrics of(List<DataSource> dataSources) {
    return new ConnectorKitMetrics(List.copyOf(requireNonNull(dataSources, "dataSources is null")));
  }

  /**
   * Adds the meters of every datasource to {@code registry}; meters appear as operations run.
   *
   * @param registry never null
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry is null");
    for (DataSource dataSource : dataSources) {
      OperationMetrics metrics = new OperationMetrics(registry, dataSource);
      dataSource.addOperationListener(metrics);
      dataSource.addExecuteListener(metrics.nativeCalls());
      PoolMetrics.bind(dataSource, registry);
    }
  }
}
