package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.ReadPreference;
import io.connectorkit.core.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replication settings of a SQL datasource, read and checked once (docs/scaling.md):
 *
 * <ul>
 *   <li>{@code replicas}: {@code [{"host": "10.0.0.2", "port": 3306}, "10.0.0.3:3306"]}; the
 *       primary is the datasource's own host and port;
 *   <li>{@code readPreference}: one of {@code primary | replica | replicaPreferred} (default {@code
 *       replicaPreferred} with replicas);
 *   <li>{@code maxReplicaLag}: ms a replica may lag before it gets no reads (default 0: no limit);
 *   <li>{@code causalReads}: whether a read waits for the datasource's last write (default true);
 *   <li>{@code causalWaitTimeout}: ms a read waits on a replica before it goes to the primary
 *       (default 1000);
 *   <li>{@code replicaRetry}: ms a failed or lagging replica stays out of rotation (default 5000).
 * </ul>
 *
 * @param replicas the replicas' endpoints, same database and credentials as the primary; empty for
 *     a single server
 */
record ClusterSettings(
    List<JdbcEndpoint> replicas,
    ReadPreference readPreference,
    int maxReplicaLag,
    boolean causalReads,
    int causalWaitTimeout,
    int replicaRetry) {

  ClusterSettings {
    replicas = List.copyOf(requireNonNull(replicas, "replicas is null"));
    requireNonNull(readPreference, "readPreference is null");
  }

  /** Whether any replica is configured. */
  boolean clustered() {
    return !replicas.isEmpty();
  }

  /**
   * Reads the settings; the replicas share the primary's database, credentials and properties.
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming the key and the value
   */
  static ClusterSettings read(String name, Settings settings, JdbcEndpoint primary) {
    requireNonNull(settings, "settings is null");
    requireNonNull(primary, "primary is null");
    List<JdbcEndpoint> replicas = new ArrayList<>();
    Object listed = settings.get("replicas");
    if (listed != null) {
      if (!(listed instanceof List<?> list)) {
        throw invalid(name, "replicas", "must be a list of {\"host\", \"port\"} or \"host:port\"");
      }
      for (Object item : list) {
        replicas.add(replica(name, item, primary));
      }
    }
    int max = Integer.MAX_VALUE;
    ReadPreference preference;
    try {
      preference =
          ReadPreference.of(
              settings.string(
                  "readPreference", replicas.isEmpty() ? "primary" : "replicaPreferred"));
    } catch (ConnectorException e) {
      throw new ConnectorException(ErrorCode.CONFIGURATION_INVALID, name + ": " + e.getMessage());
    }
    return new ClusterSettings(
        replicas,
        preference,
        settings.integer("maxReplicaLag", 0, 0, max),
        settings.bool("causalReads", true),
        settings.integer("causalWaitTimeout", 1000, 0, max),
        settings.integer("replicaRetry", 5000, 0, max));
  }

  private static JdbcEndpoint replica(String name, Object item, JdbcEndpoint primary) {
    String host;
    Object port;
    if (item instanceof Map<?, ?> map) {
      host = map.get("host") == null ? null : String.valueOf(map.get("host"));
      port = map.get("port") == null ? primary.port() : map.get("port");
    } else if (item instanceof String text && !text.isBlank()) {
      int colon = text.lastIndexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? primary.port() : text.substring(colon + 1);
    } else {
      throw invalid(name, "replicas", "has an entry that is neither an object nor \"host:port\"");
    }
    if (host == null || host.isBlank()) {
      throw invalid(name, "replicas", "has an entry without a host: " + item);
    }
    int number;
    try {
      number = Integer.parseInt(String.valueOf(port));
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 1 || number > 65535) {
      throw invalid(name, "replicas", "has a port that is not 1 to 65535: " + port);
    }
    return new JdbcEndpoint(
        host, number, primary.database(), primary.user(), primary.password(), primary.query());
  }

  private static ConnectorException invalid(String name, String key, String what) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID, name + ": setting \"" + key + "\" " + what);
  }
}
