package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The connections of a replicated datasource's write pool: each new one goes to whichever candidate
 * server takes writes now, so that after a replica is promoted the pool refills on the new primary
 * without a restart. The last primary found is tried first.
 *
 * <p>Where the driver finds the primary itself (pgjdbc's multi-host URL with {@code
 * targetServerType=primary}), there is one candidate and no check; otherwise (MySQL Connector/J has
 * no read-only check) every candidate is asked {@link ClusterSql#isPrimary}.
 */
final class PrimaryDataSource implements DataSource {
  private final List<String> urls;
  private final Properties properties;
  private final @Nullable ClusterSql check;
  private volatile int last;

  /**
   * @param urls the candidates' JDBC URLs, the configured primary first
   * @param properties driver properties with user and password
   * @param check null when the driver connects only to a primary by itself
   */
  PrimaryDataSource(List<String> urls, Properties properties, @Nullable ClusterSql check) {
    this.urls = List.copyOf(requireNonNull(urls, "urls is null"));
    this.properties = requireNonNull(properties, "properties is null");
    this.check = check;
  }

  @Override
  public Connection getConnection() throws SQLException {
    List<String> failures = new ArrayList<>();
    int start = last;
    for (int i = 0; i < urls.size(); i++) {
      int index = (start + i) % urls.size();
      String url = urls.get(index);
      Connection connection;
      try {
        connection = DriverManager.getConnection(url, properties);
      } catch (SQLException e) {
        failures.add(url + ": " + e.getMessage());
        continue;
      }
      try {
        if (check == null || check.isPrimary(connection)) {
          last = index;
          return connection;
        }
        failures.add(url + ": read-only (not the primary)");
      } catch (SQLException e) {
        failures.add(url + ": " + e.getMessage());
      }
      connection.close();
    }
    throw new SQLNonTransientConnectionException(
        "no primary among the datasource's servers: " + String.join("; ", failures), "08001");
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // DriverManager logs nothing of ours
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the driver properties carry connectTimeout
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
