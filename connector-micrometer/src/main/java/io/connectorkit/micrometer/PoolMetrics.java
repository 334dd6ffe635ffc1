package io.connectorkit.micrometer;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.connectorkit.connector.sql.JdbcConnector;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.spi.Connector;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * HikariCP pool metrics of SQL datasources. Its own class so that, without connector-sql and
 * HikariCP on the class path (both optional), nothing here is ever loaded.
 */
final class PoolMetrics {
  private static final boolean SQL_PRESENT = present();

  private PoolMetrics() {}

  private static boolean present() {
    try {
      Class.forName("io.connectorkit.connector.sql.JdbcConnector");
      Class.forName("com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory");
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static void bind(DataSource dataSource, MeterRegistry registry) {
    if (SQL_PRESENT) {
      Jdbc.bind(dataSource, registry);
    }
  }

  /** Loaded only when connector-sql is present. */
  private static final class Jdbc {
    static void bind(DataSource dataSource, MeterRegistry registry) {
      if (dataSource.unwrap(Connector.class) instanceof JdbcConnector jdbc) {
        MicrometerMetricsTrackerFactory hikari = new MicrometerMetricsTrackerFactory(registry);
        // Hikari names every pool of one connector alike; the datasource's name tells them apart.
        jdbc.setPoolMetrics((poolName, stats) -> hikari.create(dataSource.name(), stats));
      }
    }
  }
}
