package io.connectorkit.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A JDBC connector between a real driver and its real server with a {@link FaultProxy} in the
 * middle (docs/contract.md C5, C6): every wait is bounded, failed writes say whether they took
 * effect, cleanup failures never replace the original error, and dead pooled connections never
 * reach a caller once the server is back. A connector's test extends it with its URL.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class JdbcFaultScenarios {
  private static final String MODEL =
      """
      {"name": "CkFault", "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "name": {"type": "string", "index": {"unique": true}}, "n": "number"}}
      """;

  private FaultProxy proxy;
  private final List<DataSource> opened = new ArrayList<>();

  /** The connector's name, as a datasource's {@code "connector"} setting gives it. */
  protected abstract String connectorName();

  /**
   * The URL of the test database on the real server (host and port are replaced by the proxy's).
   */
  protected abstract String serverUrl();

  @BeforeEach
  void startProxy() {
    URI server = URI.create(serverUrl());
    proxy = FaultProxy.to(server.getHost(), server.getPort());
    DataSource direct = direct();
    direct.define(MODEL);
    direct.automigrate("CkFault");
  }

  @AfterEach
  void stopProxy() {
    opened.forEach(DataSource::close);
    proxy.close();
  }

  /** A datasource through the proxy, with extra settings. */
  protected final DataSource open(Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("connector", connectorName());
    settings.put("url", proxiedUrl());
    settings.put("connectionLimit", 4);
    settings.put("connectionTimeout", 1000);
    settings.putAll(extra);
    DataSource db = DataSources.create("fault-" + connectorName(), settings);
    opened.add(db);
    return db;
  }

  /** A datasource on the real server, bypassing the proxy, patient as the shared machine needs. */
  private DataSource direct() {
    return open(Map.of("url", serverUrl(), "connectionTimeout", 10_000));
  }

  private String proxiedUrl() {
    URI server = URI.create(serverUrl());
    return serverUrl()
        .replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port());
  }

  private Dao faults(DataSource db) {
    db.define(MODEL);
    return db.dao("CkFault");
  }

  private static ConnectorException failure(Runnable action) {
    Throwable thrown = catchThrowable(action::run);
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    return (ConnectorException) thrown;
  }

  @Test
  void pingWithCreateDatabaseAgainstASilentServerIsConnectionFailedWithinTheConnectTimeout() {
    proxy.mode(FaultProxy.Mode.BLACKHOLE);
    DataSource db = open(Map.of("createDatabase", true, "lazyConnect", true));
    long start = System.nanoTime();
    ConnectorException e = failure(db::ping);
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(proxy.connections()).isPositive();
    // One connect timeout (1 s) plus scheduling slack on a shared machine.
    assertThat(waited).isLessThan(4_000);
  }

  @Test
  void aStatementWhoseServerGoesSilentIsTimeoutWithinQueryTimeoutAndTheConnectionIsReplaced() {
    Dao dao = faults(open(Map.of("queryTimeout", 800)));
    dao.create(Map.of("name", "before", "n", 1));
    proxy.mode(FaultProxy.Mode.BLACKHOLE);
    long start = System.nanoTime();
    ConnectorException e = failure(() -> dao.find(Filter.where(Where.eq("name", "before"))));
    long waited = (System.nanoTime() - start) / 1_000_000;
    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(waited).isBetween(700L, 4_000L);
    proxy.heal();
    assertThat(dao.find(Filter.where(Where.eq("name", "before")))).hasSize(1);
  }

  @Test
  void aWriteWhoseServerGoesSilentSaysItsOutcomeIsUnknown() {
    Dao dao = faults(open(Map.of("queryTimeout", 800)));
    dao.count(null);
    proxy.mode(FaultProxy.Mode.BLACKHOLE);
    ConnectorException e = failure(() -> dao.create(Map.of("name", "silent", "n", 1)));
    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(e.details()).containsEntry("outcome", "unknown");
  }

  @Test
  void aWriteThatCannotGetAConnectionSaysItWasNotApplied() throws Exception {
    Dao dao = faults(open(Map.of()));
    dao.count(null);
    // Idle long enough for the pool to validate the connection on borrow, find it dead and try to
    // replace it: the write is never sent. (Within 500 ms of its last use a connection is lent
    // unchecked, and a write failing on it honestly reports "unknown".)
    Thread.sleep(700);
    proxy.mode(FaultProxy.Mode.REFUSE);
    proxy.cutAll();
    ConnectorException e = failure(() -> dao.create(Map.of("name", "refused", "n", 1)));
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.details()).containsEntry("outcome", "not_applied");
    proxy.heal();
    assertThat(faults(direct()).find(Filter.where(Where.eq("name", "refused")))).isEmpty();
  }

  @Test
  void anAtomicUpsertWhoseConnectionDiesKeepsItsCodeWithTheRollbackFailureSuppressed()
      throws Exception {
    Dao dao = faults(open(Map.of("queryTimeout", 800)));
    dao.create(Map.of("name", "kept", "n", 1));
    // The table's collations are now known, so the upsert's first statement is its lock, inside
    // the connector's own transaction: that transaction's connection is the one that dies.
    assertThat(dao.count(Where.eq("name", "kept"))).isEqualTo(1);
    proxy.mode(FaultProxy.Mode.BLACKHOLE);
    ConnectorException e = failure(() -> upsertKept(dao));
    assertThat(e.code()).isIn(ErrorCode.TIMEOUT, ErrorCode.CONNECTION_FAILED);
    assertThat(e.details()).containsEntry("outcome", "not_applied");
    assertThat(e.getMessage()).doesNotContain("rollback");
    // Whether the rollback fails depends on the driver (pgjdbc has closed the aborted connection,
    // MariaDB's driver has not); when it does, it is attached, never thrown instead.
    assertThat(e.getSuppressed())
        .allSatisfy(cleanup -> assertThat(cleanup.getMessage()).contains("rollback"));
    assertKeptUnchangedOnceHealed(dao);
  }

  @Test
  void aWriteWhoseCollationLookupFailsSaysItWasNotApplied() throws Exception {
    Dao dao = faults(open(Map.of("queryTimeout", 800)));
    // A create compares no strings, so the table's collations are still unknown: the upsert's
    // first statement is the catalog lookup that building its where needs.
    dao.create(Map.of("name", "kept", "n", 1));
    proxy.mode(FaultProxy.Mode.BLACKHOLE);
    ConnectorException e = failure(() -> upsertKept(dao));
    assertThat(e.code()).isIn(ErrorCode.TIMEOUT, ErrorCode.CONNECTION_FAILED);
    assertThat(e.details()).containsEntry("outcome", "not_applied");
    assertKeptUnchangedOnceHealed(dao);
  }

  private static void upsertKept(Dao dao) {
    dao.upsertWithWhere(
        FilterParser.parseWhere(Map.of("name", "kept")), Map.of("name", "kept", "n", 2));
  }

  private void assertKeptUnchangedOnceHealed(Dao dao) throws InterruptedException {
    proxy.heal();
    // The pool's attempt to replace the connection, started while the server was silent, gives
    // up at the connect timeout (1 s); only then can a new one get through.
    Thread.sleep(1_500);
    assertThat(dao.find(Filter.where(Where.eq("name", "kept"))))
        .singleElement()
        .satisfies(row -> assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
  }

  @Test
  void aCommitOnADeadConnectionIsConnectionFailedWithSqlStateAndUnknownOutcome() {
    DataSource db = open(Map.of());
    Dao dao = faults(db);
    Transaction tx = db.beginTransaction(IsolationLevel.READ_COMMITTED, null);
    dao.create(Map.of("name", "in-tx", "n", 1), Options.of(tx));
    proxy.cutAll();
    ConnectorException e = failure(tx::commit);
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.details()).containsKey("sqlState").containsEntry("outcome", "unknown");
    proxy.heal();
    assertThat(faults(direct()).find(Filter.where(Where.eq("name", "in-tx")))).isEmpty();
  }

  @Test
  void afterCuttingEveryIdlePooledConnectionTheNextTenOperationsAllSucceed() throws Exception {
    Dao dao = faults(open(Map.of("connectionLimit", 4)));
    for (int i = 0; i < 8; i++) {
      dao.create(Map.of("name", "warm" + i, "n", i));
    }
    Thread.sleep(700);
    assertThat(proxy.cutAll()).isPositive();
    for (int i = 0; i < 10; i++) {
      if (i % 2 == 0) {
        assertThat(dao.count(null)).isGreaterThanOrEqualTo(8);
      } else {
        dao.create(Map.of("name", "after" + i, "n", i));
      }
    }
    assertThat(dao.count(Where.like("name", "after%"))).isEqualTo(5);
  }

  @Test
  void afterAnOutageTheFirstReadOnceTheServerIsBackSucceeds() throws Exception {
    Dao dao = faults(open(Map.of("connectionLimit", 4)));
    dao.create(Map.of("name", "outage", "n", 1));
    proxy.mode(FaultProxy.Mode.REFUSE);
    proxy.cutAll();
    assertThat(failure(() -> dao.count(null)).code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    proxy.heal();
    long start = System.nanoTime();
    assertThat(dao.count(null)).isEqualTo(1);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
  }

  @Test
  void catastrophicLikeAndRegexpAnswerInMilliseconds() {
    Dao dao = faults(direct());
    dao.create(Map.of("name", "a".repeat(41), "n", 1));
    String like = "%a".repeat(14) + "%b";
    long start = System.nanoTime();
    assertThat(dao.find(Filter.where(Where.like("name", like)))).isEmpty();
    Throwable regexp =
        catchThrowable(
            () ->
                dao.find(
                    FilterParser.parse(
                        Map.of("where", Map.of("name", Map.of("regexp", "(.*a){12}$!"))))));
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (regexp != null) {
      assertThat(regexp).isInstanceOf(ConnectorException.class);
      assertThat(((ConnectorException) regexp).code()).isEqualTo(ErrorCode.INVALID_FILTER);
    }
    assertThat(millis).isLessThan(2_000);
  }
}
