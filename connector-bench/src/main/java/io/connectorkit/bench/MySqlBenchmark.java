package io.connectorkit.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mysql connector's DAO against JDBC on a HikariCP pool ({@link MySqlPair}), on MariaDB/MySQL,
 * database {@code ck_bench}. Each {@code xDao} method has an {@code xRaw} twin doing the same work.
 * Every fork starts from freshly created tables, so both twins see the same data.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MySqlBenchmark {
  static final String DATABASE = "ck_bench";

  private final Map<String, Object> item = Items.item(7);
  private final List<Map<String, Object>> batch = Items.batch();

  // Set by open(), the @Setup method JMH runs before any benchmark method of the trial.
  @SuppressWarnings("NullAway.Init")
  private MySqlPair pair;

  private long next;

  @Setup(Level.Trial)
  public void open() {
    pair = new MySqlPair(DATABASE);
  }

  @TearDown(Level.Trial)
  public void close() {
    pair.close();
  }

  /** Ids 1..ROWS in turn, the same sequence on both sides. */
  private long nextId() {
    return next++ % Items.ROWS + 1;
  }

  @Benchmark
  public Optional<Map<String, Object>> findByIdDao() {
    return pair.daoFindById(nextId());
  }

  @Benchmark
  public Optional<Map<String, Object>> findByIdRaw() throws SQLException {
    return pair.rawFindById(nextId());
  }

  @Benchmark
  public List<Map<String, Object>> findDao() {
    return pair.daoFind();
  }

  @Benchmark
  public List<Map<String, Object>> findRaw() throws SQLException {
    return pair.rawFind();
  }

  @Benchmark
  public Map<String, Object> createDao() {
    return pair.daoCreate(item);
  }

  @Benchmark
  public Map<String, Object> createRaw() throws SQLException {
    return pair.rawCreate(item);
  }

  @Benchmark
  public List<Map<String, Object>> createAllDao() {
    return pair.daoCreateAll(batch);
  }

  @Benchmark
  public List<Map<String, Object>> createAllRaw() throws SQLException {
    return pair.rawCreateAll(batch);
  }
}
