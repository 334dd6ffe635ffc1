package io.connectorkit.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.CausalToken;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.ReadPreference;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A replicated datasource against a real cluster that {@code scripts/cluster.sh} starts for the
 * class and stops after it (docs/scaling.md): reads go to replicas, read-your-writes holds under
 * injected replica lag, a lagging replica gets no reads, and a promotion mid-run loses no
 * acknowledged write. Which server answered a read is read from a view of the server's own port,
 * created on the primary and replicated like any table. A connector's test extends it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class JdbcClusterScenarios {
  private static final String DATABASE = "ck_cluster";
  private final List<DataSource> opened = new ArrayList<>();

  /** The argument of {@code cluster.sh}: {@code mysql} or {@code postgres}. */
  protected abstract String cluster();

  /** The connector's name. */
  protected abstract String connectorName();

  /** The server binary whose absence skips the class. */
  protected abstract Path serverBinary();

  /** The primary's port, then the replicas'. */
  protected abstract List<Integer> ports();

  /** A datasource URL of {@code database} on the server at {@code port}. */
  protected abstract String url(int port, String database);

  /** A JDBC URL of the maintenance database on the server at {@code port}, for direct checks. */
  protected abstract String adminJdbcUrl(int port);

  /** Statements creating the view {@code ck_whoami}: one row, the answering server's port. */
  protected abstract List<String> whoAmIViewSql();

  /** Stops applying changes on a replica (its SQL thread, its WAL replay). */
  protected abstract String pauseReplicationSql();

  /** Resumes applying changes on a replica. */
  protected abstract String resumeReplicationSql();

  @BeforeAll
  void startCluster() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(serverBinary()),
        "cluster tests skipped: server binaries absent (" + serverBinary() + ")");
    script("start");
    DataSource setup = open(Map.of("createDatabase", true, "readPreference", "primary"));
    setup.execute("DROP VIEW IF EXISTS ck_whoami", List.of(), Options.NONE);
    for (String sql : whoAmIViewSql()) {
      setup.execute(sql, List.of(), Options.NONE);
    }
    setup.define(
        """
        {"name": "CkNote", "properties": {
          "id": {"type": "number", "id": true, "generated": true}, "text": "string"}}
        """);
    setup.automigrate("CkNote");
    setup.close();
    opened.remove(setup);
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (Files.isExecutable(serverBinary())) {
      script("stop");
    }
  }

  @AfterEach
  void closeDataSources() throws Exception {
    for (DataSource dataSource : opened) {
      dataSource.close();
    }
    opened.clear();
    for (int port : replicaPorts()) {
      try {
        admin(port, resumeReplicationSql());
      } catch (IllegalStateException e) {
        // After the promotion a former replica replicates nothing, or is down.
      }
    }
  }

  @Test
  @Order(1)
  void readsOutsideTransactionsAreServedByReplicasAndTransactionsByThePrimary() {
    DataSource db = open(Map.of());
    Set<Integer> answered = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      answered.add(whoAmI(db, Options.NONE));
    }
    assertThat(answered).containsExactlyInAnyOrderElementsOf(replicaPorts());

    try (Transaction tx = db.beginTransaction(IsolationLevel.READ_COMMITTED)) {
      assertThat(whoAmI(db, Options.of(tx))).isEqualTo(primaryPort());
    }
    assertThat(whoAmI(db, Options.NONE.withReadPreference(ReadPreference.PRIMARY)))
        .isEqualTo(primaryPort());
    DataSource primaryOnly = open(Map.of("readPreference", "primary"));
    assertThat(whoAmI(primaryOnly, Options.NONE)).isEqualTo(primaryPort());
  }

  @Test
  @Order(2)
  void everyReadAfterAWriteSeesItWhileReplicasLag() throws Exception {
    for (int port : replicaPorts()) {
      admin(port, pauseReplicationSql());
    }
    // The lag is real: a datasource without causal reads reads the replicas' old state.
    DataSource blind = open(Map.of("causalReads", false));
    Dao blindNotes = notes(blind);
    Object unseen = blindNotes.create(Map.of("text", "unseen")).get("id");
    assertThat(blindNotes.findById(unseen)).isEmpty();

    DataSource db = open(Map.of("causalWaitTimeout", 200));
    Dao notes = notes(db);
    for (int n = 0; n < 5; n++) {
      int i = n;
      Object id = notes.create(Map.of("text", "mine " + i)).get("id");
      assertThat(notes.findById(id))
          .as("read after write %d", i)
          .hasValueSatisfying(row -> assertThat(row).containsEntry("text", "mine " + i));
    }
    // The read waited for the position, then read on the primary.
    assertThat(whoAmI(db, Options.NONE)).isEqualTo(primaryPort());

    // A caller's token: its reads wait for its own writes, here until replication resumes.
    DataSource shared = open(Map.of("causalReads", false, "causalWaitTimeout", 5000));
    CausalToken token = CausalToken.create();
    Object id =
        notes(shared)
            .create(Map.of("text", "token"), Options.NONE.withCausalToken(token))
            .get("id");
    assertThat(token.position()).isNotBlank();
    CausalToken carried = CausalToken.of(token.position());
    long start = System.nanoTime();
    CompletableFuture<Void> resume =
        CompletableFuture.runAsync(
            () -> {
              sleep(300);
              for (int port : replicaPorts()) {
                admin(port, resumeReplicationSql());
              }
            });
    Options withToken = Options.NONE.withCausalToken(carried);
    assertThat(whoAmI(shared, withToken)).isIn(replicaPorts().toArray());
    assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(250));
    resume.get(10, TimeUnit.SECONDS);
    assertThat(notes(shared).findById(id, null, withToken))
        .hasValueSatisfying(row -> assertThat(row).containsEntry("text", "token"));
  }

  @Test
  @Order(3)
  void aReplicaPastMaxReplicaLagGetsNoReads() throws Exception {
    int lagging = replicaPorts().get(0);
    admin(lagging, pauseReplicationSql());
    DataSource db = open(Map.of("maxReplicaLag", 200, "causalReads", false));
    notes(db).create(Map.of("text", "lag"));
    Thread.sleep(700);
    notes(db).create(Map.of("text", "lag again"));
    List<Integer> answered = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answered.add(whoAmI(db, Options.NONE));
    }
    assertThat(answered).doesNotContain(lagging).isNotEmpty();
    if (replicaPorts().size() == 1) {
      assertThat(answered).containsOnly(primaryPort());
      assertThatThrownBy(() -> whoAmI(db, Options.NONE.withReadPreference(ReadPreference.REPLICA)))
          .isInstanceOfSatisfying(
              ConnectorException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED));
    } else {
      assertThat(answered).doesNotContain(primaryPort());
    }
    admin(lagging, resumeReplicationSql());
    Thread.sleep(1200);
    Set<Integer> after = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      after.add(whoAmI(db, Options.NONE));
    }
    assertThat(after).as("back in rotation once it caught up").contains(lagging);
  }

  @Test
  @Order(4)
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPromotionMidRunLosesNoAcknowledgedWriteAndWritesRecover() throws Exception {
    DataSource db = open(Map.of("connectionTimeout", 1000, "causalReads", false));
    Dao notes = notes(db);
    List<Object> acknowledged = new CopyOnWriteArrayList<>();
    List<ConnectorException> failures = new CopyOnWriteArrayList<>();
    long[] firstFailure = {0};
    long[] recovered = {0};
    long[] promoted = {0};
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              int n = 0;
              while (System.nanoTime() < deadline) {
                try {
                  acknowledged.add(notes.create(Map.of("text", "w" + n++)).get("id"));
                  if (!failures.isEmpty() && recovered[0] == 0) {
                    recovered[0] = System.nanoTime();
                  }
                  if (recovered[0] != 0 && acknowledged.size() > 50 + n / 2) {
                    return;
                  }
                } catch (ConnectorException e) {
                  if (failures.isEmpty()) {
                    firstFailure[0] = System.nanoTime();
                  }
                  failures.add(e);
                }
                if (recovered[0] != 0 && System.nanoTime() - recovered[0] > 500_000_000L) {
                  return;
                }
              }
            });
    Thread.sleep(1000);
    int before = acknowledged.size();
    promoted[0] = System.nanoTime();
    String newPrimary = script("promote").strip();
    long promoteDone = System.nanoTime();
    writer.get(50, TimeUnit.SECONDS);

    assertThat(before).as("writes before the promotion").isPositive();
    assertThat(recovered[0]).as("writes recovered without a restart").isPositive();
    for (ConnectorException failure : failures) {
      assertThat(failure.code()).isIn(ErrorCode.CONNECTION_FAILED, ErrorCode.TIMEOUT);
      assertThat(failure.details()).containsKey("outcome");
    }
    // Every acknowledged write is on the new primary.
    DataSource check =
        open(Map.of("url", url(Integer.parseInt(newPrimary), DATABASE), "replicas", List.of()));
    long found = notes(check).count(Where.inq("id", acknowledged));
    assertThat(found).isEqualTo(acknowledged.size());

    long recoveryMs = TimeUnit.NANOSECONDS.toMillis(recovered[0] - promoted[0]);
    long outageMs =
        failures.isEmpty() ? 0 : TimeUnit.NANOSECONDS.toMillis(recovered[0] - firstFailure[0]);
    String figures =
        String.format(
            "%s failover: promote command %d ms, first write on the new primary %d ms after the"
                + " promotion began, writes failing for %d ms (%d failed: %s), %d acknowledged"
                + " writes, all found on %s%n",
            cluster(),
            TimeUnit.NANOSECONDS.toMillis(promoteDone - promoted[0]),
            recoveryMs,
            outageMs,
            failures.size(),
            outcomes(failures),
            acknowledged.size(),
            newPrimary);
    System.out.print(figures);
    Path out = Path.of("target", "cluster-failover-" + cluster() + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, figures, StandardCharsets.UTF_8);
  }

  private static Map<String, Long> outcomes(List<ConnectorException> failures) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ConnectorException failure : failures) {
      counts.merge(String.valueOf(failure.details().get("outcome")), 1L, Long::sum);
    }
    return counts;
  }

  // ---------------------------------------------------------------- helpers

  private int primaryPort() {
    return ports().get(0);
  }

  private List<Integer> replicaPorts() {
    return ports().subList(1, ports().size());
  }

  /** A datasource on the cluster: the primary's url and the replicas, plus {@code extra}. */
  private DataSource open(Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", connectorName());
    settings.put("url", url(primaryPort(), DATABASE));
    List<Map<String, Object>> replicas = new ArrayList<>();
    for (int port : replicaPorts()) {
      replicas.add(Map.of("host", "127.0.0.1", "port", port));
    }
    settings.put("replicas", replicas);
    settings.put("connectionLimit", 4);
    settings.putAll(extra);
    DataSource db = DataSources.create("cluster", settings);
    db.define(
        """
        {"name": "CkNote", "properties": {
          "id": {"type": "number", "id": true, "generated": true}, "text": "string"}}
        """);
    db.define(
        """
        {"name": "CkWhoami", "options": {"mysql": {"table": "ck_whoami"},
          "postgresql": {"table": "ck_whoami"}},
         "properties": {"id": {"type": "number", "id": true}}}
        """);
    opened.add(db);
    return db;
  }

  private static Dao notes(DataSource db) {
    return db.dao("CkNote");
  }

  private static int whoAmI(DataSource db, Options options) {
    List<Map<String, Object>> rows = db.dao("CkWhoami").find(Filter.builder().build(), options);
    return ((Number) rows.get(0).get("id")).intValue();
  }

  private void admin(int port, String sql) {
    try (Connection connection = DriverManager.getConnection(adminJdbcUrl(port));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("on " + port + ": " + sql + ": " + e.getMessage(), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code scripts/cluster.sh command cluster()} and returns its standard output. */
  private String script(String command) throws IOException, InterruptedException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/cluster.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("scripts/cluster.sh not found above the working directory");
    }
    Process process =
        new ProcessBuilder("bash", dir.resolve("scripts/cluster.sh").toString(), command, cluster())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("cluster.sh " + command + " failed: " + out);
    }
    return out;
  }
}
