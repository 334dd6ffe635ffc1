package io.connectorkit.connector.postgresql;

import io.connectorkit.connector.sql.JdbcClusterScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The cluster scenarios on a PostgreSQL primary with a streaming standby (scripts/cluster.sh). */
class PostgresClusterTest extends JdbcClusterScenarios {
  @Override
  protected String cluster() {
    return "postgres";
  }

  @Override
  protected String connectorName() {
    return "postgresql";
  }

  @Override
  protected Path serverBinary() {
    // Debian installs each major version under its own directory; cluster.sh takes the newest.
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(version -> version.resolve("bin/postgres"))
          .filter(Files::isExecutable)
          .max(Comparator.naturalOrder())
          .orElse(Path.of("/usr/lib/postgresql/15/bin/postgres"));
    } catch (IOException e) {
      return Path.of("/usr/lib/postgresql/15/bin/postgres");
    }
  }

  @Override
  protected List<Integer> ports() {
    return List.of(5442, 5443);
  }

  @Override
  protected String url(int port, String database) {
    return "postgres://postgres@127.0.0.1:" + port + "/" + database;
  }

  @Override
  protected String adminJdbcUrl(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  protected List<String> whoAmIViewSql() {
    return List.of("CREATE VIEW ck_whoami AS SELECT inet_server_port() AS id");
  }

  @Override
  protected String pauseReplicationSql() {
    return "SELECT pg_wal_replay_pause()";
  }

  @Override
  protected String resumeReplicationSql() {
    return "SELECT pg_wal_replay_resume()";
  }
}
