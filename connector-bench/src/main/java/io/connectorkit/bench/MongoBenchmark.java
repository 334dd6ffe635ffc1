package io.connectorkit.bench;

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
 * The mongodb connector's DAO against mongodb-driver-sync ({@link MongoPair}), on an in-process
 * mongo-java-server started by each fork. Each {@code xDao} method has an {@code xRaw} twin doing
 * the same work. The server runs in the benchmark's JVM, so its work is in both sides' times.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MongoBenchmark {
  private final Map<String, Object> item = Items.item(7);

  // Set by open(), the @Setup method JMH runs before any benchmark method of the trial.
  @SuppressWarnings("NullAway.Init")
  private MongoPair pair;

  // Set by open(), the @Setup method JMH runs before any benchmark method of the trial.
  @SuppressWarnings("NullAway.Init")
  private List<String> ids;

  private int next;

  @Setup(Level.Trial)
  public void open() {
    pair = new MongoPair();
    ids = pair.ids();
  }

  @TearDown(Level.Trial)
  public void close() {
    pair.close();
  }

  /** The items' ids in turn, the same sequence on both sides. */
  private String nextId() {
    String id = ids.get(next);
    next = (next + 1) % ids.size();
    return id;
  }

  @Benchmark
  public Optional<Map<String, Object>> findByIdDao() {
    return pair.daoFindById(nextId());
  }

  @Benchmark
  public Optional<Map<String, Object>> findByIdRaw() {
    return pair.rawFindById(nextId());
  }

  @Benchmark
  public List<Map<String, Object>> findDao() {
    return pair.daoFind();
  }

  @Benchmark
  public List<Map<String, Object>> findRaw() {
    return pair.rawFind();
  }

  @Benchmark
  public Map<String, Object> createDao() {
    return pair.daoCreate(item);
  }

  @Benchmark
  public Map<String, Object> createRaw() {
    return pair.rawCreate(item);
  }
}
