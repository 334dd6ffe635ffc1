package io.connectorkit.spring;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * UP when the datasource's {@link DataSource#ping()} succeeds, else DOWN with the contract's error
 * code and message (which never hold a secret). Details name the connector; settings are never
 * shown. The ping is bounded by the connector's own timeouts ({@code connectionTimeout} on SQL).
 */
final class DataSourceHealthIndicator implements HealthIndicator {
  private final DataSource dataSource;

  DataSourceHealthIndicator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.unknown().withDetail("connector", dataSource.connectorName());
    try {
      dataSource.ping();
      return health.up().build();
    } catch (ConnectorException e) {
      return health
          .down()
          .withDetail("error", e.code().name())
          .withDetail("message", e.getMessage())
          .build();
    } catch (RuntimeException e) {
      return health.down().withDetail("error", e.getClass().getName()).build();
    }
  }
}
