package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs workloads on both sides of a backend: warm-up rounds first (not recorded), then measured
 * rounds, alternating which side goes first in each round so neither always runs on a warmer
 * server. Measures wall time, the calling threads' CPU time and allocated bytes ({@link
 * com.sun.management.ThreadMXBean}), and native calls; fails when the sides' check values differ.
 */
final class BenchRunner implements AutoCloseable {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** One side's measurement of one workload in one round. */
  record Sample(long ops, long nanos, long cpuNanos, long allocatedBytes, long calls, long check) {
    double opsPerSecond() {
      return ops * 1e9 / nanos;
    }
  }

  /** Both sides' samples of one workload, one per measured round. */
  record Series(Workload workload, List<Sample> dao, List<Sample> raw) {}

  private final Backend backend;
  private final double scale;
  private final Progress progress;
  private final ExecutorService callers;
  private final Map<Side, List<Object>> loadedIds = new HashMap<>();
  private final Map<Side, Boolean> tableLoaded = new HashMap<>();
  private final LongAdder workerCpu = new LongAdder();
  private final LongAdder workerAllocated = new LongAdder();

  BenchRunner(Backend backend, double scale, Progress progress) {
    this.backend = requireNonNull(backend, "backend is null");
    this.scale = scale;
    this.progress = requireNonNull(progress, "progress is null");
    this.callers = Executors.newFixedThreadPool(Backend.POOL_SIZE);
  }

  /** Runs {@code warmups} + {@code rounds} rounds of the workloads; returns the measured ones. */
  List<Series> run(List<Workload> workloads, int warmups, int rounds) {
    progress.start((warmups + rounds) * workloads.size() * 2);
    Map<Workload, Series> series = new EnumMap<>(Workload.class);
    for (Workload workload : workloads) {
      series.put(workload, new Series(workload, new ArrayList<>(), new ArrayList<>()));
    }
    for (int round = 0; round < warmups + rounds; round++) {
      boolean warmup = round < warmups;
      String label = warmup ? "warm-up " + (round + 1) : "round " + (round - warmups + 1);
      for (Workload workload : workloads) {
        Side first = round % 2 == 0 ? backend.dao : backend.raw;
        Side second = first == backend.dao ? backend.raw : backend.dao;
        progress.step(workload.id() + " " + first.name() + " " + label);
        Sample a = measure(workload, first);
        progress.step(workload.id() + " " + second.name() + " " + label);
        Sample b = measure(workload, second);
        Sample dao = first == backend.dao ? a : b;
        Sample raw = first == backend.dao ? b : a;
        if (dao.check() != raw.check()) {
          throw new IllegalStateException(
              workload.id()
                  + " on "
                  + backend.name
                  + ": the sides disagree, check value "
                  + dao.check()
                  + " through ConnectorKit, "
                  + raw.check()
                  + " raw");
        }
        if (!warmup) {
          Series measured = requireNonNull(series.get(workload), "series is null");
          measured.dao().add(dao);
          measured.raw().add(raw);
        }
      }
    }
    progress.done();
    return new ArrayList<>(series.values());
  }

  private Sample measure(Workload workload, Side side) {
    List<Object> ids = prepare(workload, side);
    workerCpu.reset();
    workerAllocated.reset();
    long thread = Thread.currentThread().getId();
    long calls = side.calls();
    long cpu = THREADS.getThreadCpuTime(thread);
    long allocated = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    long check = workload.run(side, scale, ids, this::inFlight);
    long nanos = System.nanoTime() - start;
    cpu = THREADS.getThreadCpuTime(thread) - cpu + workerCpu.sum();
    allocated = THREADS.getThreadAllocatedBytes(thread) - allocated + workerAllocated.sum();
    calls = side.calls() < 0 ? -1 : side.calls() - calls;
    check = check * 31 + workload.after(side);
    if (!workload.readOnly()) {
      tableLoaded.put(side, false);
    }
    return new Sample(workload.ops(scale), nanos, cpu, allocated, calls, check);
  }

  /** Empties the side's table, or loads it unless a read-only workload left it loaded. */
  private List<Object> prepare(Workload workload, Side side) {
    if (!workload.needsRows) {
      side.clear();
      tableLoaded.put(side, false);
      return List.of();
    }
    if (!tableLoaded.getOrDefault(side, false)) {
      side.clear();
      List<Person> people = Workload.loaded(scale);
      List<Object> ids = new ArrayList<>(people.size());
      for (int i = 0; i < people.size(); i += Workload.BATCH) {
        ids.addAll(side.createAll(people.subList(i, Math.min(people.size(), i + Workload.BATCH))));
      }
      loadedIds.put(side, ids);
      tableLoaded.put(side, true);
    }
    return requireNonNull(loadedIds.get(side), "loaded ids are null");
  }

  private long inFlight(int ops, IntToLongFunction operation) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Long>> callersDone = new ArrayList<>();
    for (int c = 0; c < Backend.POOL_SIZE; c++) {
      callersDone.add(
          callers.submit(
              () -> {
                long thread = Thread.currentThread().getId();
                long cpu = THREADS.getThreadCpuTime(thread);
                long allocated = THREADS.getThreadAllocatedBytes(thread);
                long sum = 0;
                for (int i = next.getAndIncrement(); i < ops; i = next.getAndIncrement()) {
                  sum += operation.applyAsLong(i);
                }
                workerCpu.add(THREADS.getThreadCpuTime(thread) - cpu);
                workerAllocated.add(THREADS.getThreadAllocatedBytes(thread) - allocated);
                return sum;
              }));
    }
    long sum = 0;
    for (Future<Long> done : callersDone) {
      try {
        sum += done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      }
    }
    return sum;
  }

  @Override
  public void close() {
    callers.shutdownNow();
  }

  /** A one-line progress bar on a stream (standard error: standard output holds the table). */
  static final class Progress {
    private static final int WIDTH = 30;
    private final @Nullable PrintStream out;
    private int total;
    private int done;

    /**
     * @param out null for no progress bar
     */
    Progress(@Nullable PrintStream out) {
      this.out = out;
    }

    static Progress silent() {
      return new Progress(null);
    }

    void start(int steps) {
      total = steps;
      done = 0;
    }

    void step(String what) {
      if (out == null) {
        return;
      }
      int filled = total == 0 ? WIDTH : done * WIDTH / total;
      out.print(
          "\r["
              + "#".repeat(filled)
              + ".".repeat(WIDTH - filled)
              + "] "
              + done
              + "/"
              + total
              + " "
              + String.format("%-36s", what));
      out.flush();
      done++;
    }

    void done() {
      if (out != null) {
        out.print("\r[" + "#".repeat(WIDTH) + "] " + total + "/" + total + " " + " ".repeat(36));
        out.println();
      }
    }
  }
}
