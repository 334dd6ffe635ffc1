package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.Pushdown;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, once per datasource, model and case, that the DAO does in the core what the connector does
 * not: a write as read-then-write, a condition or an order evaluated in memory. Once, because it
 * holds for every later call alike. Immutable.
 */
final class FallbackLog {
  // The DAO is what falls back: users find and configure these lines under its logger.
  private static final Logger log = LoggerFactory.getLogger(Dao.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private final DataSource dataSource;
  private final ModelDefinition model;
  private final Connector connector;

  FallbackLog(DataSource dataSource, ModelDefinition model, Connector connector) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.model = requireNonNull(model, "model is null");
    this.connector = requireNonNull(connector, "connector is null");
  }

  /** The connector lacks the atomic form of {@code operation}. */
  void notAtomic(String operation) {
    dataSource.reportFallback(model.name(), operation, OperationListener.Fallback.SHIM);
    if (firstTime(operation)) {
      log.info(
          "{} of model {} is not atomic on connector {}: it runs as read-then-write",
          operation,
          model.name(),
          connector.name());
    }
  }

  /** The connector left a residual (C4.6) of a query of {@code operation}. */
  void residual(String operation, Pushdown pushdown) {
    dataSource.reportFallback(model.name(), operation, OperationListener.Fallback.RESIDUAL);
    String unenforced =
        pushdown.residual().isAll()
            ? "the order"
            : pushdown.residual() + (pushdown.orderEnforced() ? "" : " nor the order");
    if (firstTime(unenforced)) {
      log.info(
          "{} of model {}: connector {} does not enforce {}; evaluating it in memory over all"
              + " candidate rows",
          operation,
          model.name(),
          connector.name(),
          unenforced);
    }
  }

  private boolean firstTime(String what) {
    return WARNED.add(dataSource.name() + "\u0000" + model.name() + "\u0000" + what);
  }
}
