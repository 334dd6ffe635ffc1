package io.connectorkit.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bounded soak (docs/reliability.md): 32 threads of mixed CRUD through a {@link FaultProxy}
 * that injects random faults, then a check against the database directly that every acknowledged
 * create is present exactly once and every create reported {@code "not_applied"} is absent. Tagged
 * {@code soak}: not in the default test run; the {@code ci} profile (CI=true) runs it. The duration
 * is {@code -Dck.soak.seconds} (default 60); the figures go to {@code target/soak-report.txt}.
 */
@Tag("soak")
public abstract class JdbcSoakScenarios {
  private static final int THREADS = 32;

  /** The connector's name, as a datasource's {@code "connector"} setting gives it. */
  protected abstract String connectorName();

  /** The URL of the test database on the real server. */
  protected abstract String serverUrl();

  private DataSource open(String url) {
    return DataSources.create(
        "soak-" + connectorName(),
        Map.of(
            "connector", connectorName(),
            "url", url,
            "connectionLimit", 8,
            "connectionTimeout", 2_000,
            "queryTimeout", 3_000));
  }

  @Test
  void everyAcknowledgedWriteIsPresentOnceAndEveryNotAppliedOneAbsent() throws Exception {
    long seconds = Long.getLong("ck.soak.seconds", 60);
    URI server = URI.create(serverUrl());
    String model =
        """
        {"name": "CkSoak", "properties": {
          "id": {"type": "number", "id": true, "generated": true},
          "name": {"type": "string", "length": 64, "index": true}, "n": "number"}}""";
    DataSource direct = open(serverUrl());
    direct.define(model);
    direct.automigrate("CkSoak");

    Map<String, AtomicLong> figures = new ConcurrentHashMap<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> notApplied = ConcurrentHashMap.newKeySet();
    Set<String> unknown = ConcurrentHashMap.newKeySet();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    try (FaultProxy proxy = FaultProxy.to(server.getHost(), server.getPort())) {
      DataSource db =
          open(
              serverUrl()
                  .replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port()));
      db.define(model);
      Dao dao = db.dao("CkSoak");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
      Future<?> faults = pool.submit(() -> injectFaults(proxy, deadline, figures));
      List<Future<?>> workers = new java.util.ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  long seq = 0;
                  while (System.nanoTime() < deadline && unexpected.get() == null) {
                    String name = "w" + thread + "-" + seq++;
                    int kind = ThreadLocalRandom.current().nextInt(10);
                    try {
                      if (kind < 5) {
                        try {
                          dao.create(Map.of("name", name, "n", 0));
                          acknowledged.add(name);
                        } catch (ConnectorException e) {
                          Object outcome = e.details().get("outcome");
                          (Outcomes.NOT_APPLIED.equals(outcome) ? notApplied : unknown).add(name);
                          count(figures, "create " + e.code() + " " + outcome);
                          continue;
                        }
                        count(figures, "create ok");
                      } else if (kind < 8) {
                        dao.find(Filter.where(Where.like("name", "w" + thread + "-%")));
                        count(figures, "find ok");
                      } else if (kind < 9) {
                        dao.updateAll(
                            Where.eq("name", "w" + thread + "-" + (seq / 2)), Map.of("n", seq));
                        count(figures, "update ok");
                      } else {
                        dao.count(Where.gt("n", 0));
                        count(figures, "count ok");
                      }
                    } catch (ConnectorException e) {
                      count(figures, "other " + e.code());
                    } catch (Throwable e) {
                      unexpected.compareAndSet(null, e);
                    }
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(seconds + 120, TimeUnit.SECONDS);
      }
      faults.get(30, TimeUnit.SECONDS);
      pool.shutdownNow();
      db.close();
      figures.put(
          "faults injected (connections cut/refused/reset)", new AtomicLong(proxy.faults()));
    }
    assertThat(unexpected.get()).as("only ConnectorExceptions escape").isNull();

    Map<String, Integer> stored = new HashMap<>();
    for (Map<String, Object> row : direct.dao("CkSoak").find(null)) {
      stored.merge((String) row.get("name"), 1, Integer::sum);
    }
    long lost = acknowledged.stream().filter(name -> !stored.containsKey(name)).count();
    long duplicated = stored.values().stream().filter(n -> n > 1).count();
    long appliedAnyway = notApplied.stream().filter(stored::containsKey).count();
    long unknownCommitted = unknown.stream().filter(stored::containsKey).count();
    direct.close();

    Map<String, Object> report = new TreeMap<>();
    figures.forEach((key, value) -> report.put(key, value.get()));
    report.put("acknowledged creates", acknowledged.size());
    report.put("not_applied creates", notApplied.size());
    report.put("unknown creates", unknown.size());
    report.put("unknown creates found committed", unknownCommitted);
    report.put("acknowledged but lost", lost);
    report.put("rows stored more than once", duplicated);
    report.put("not_applied but present", appliedAnyway);
    writeReport(report, seconds);

    assertThat(acknowledged).as("the soak did some work").isNotEmpty();
    assertThat(lost).as("acknowledged creates lost").isZero();
    assertThat(duplicated).as("rows stored more than once").isZero();
    assertThat(appliedAnyway).as("not_applied creates that are present").isZero();
  }

  private static void injectFaults(
      FaultProxy proxy, long deadline, Map<String, AtomicLong> figures) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try {
      while (System.nanoTime() < deadline) {
        Thread.sleep(1_000 + random.nextInt(2_000));
        switch (random.nextInt(5)) {
          case 0 -> proxy.cutAll();
          case 1 -> {
            proxy.mode(FaultProxy.Mode.BLACKHOLE);
            Thread.sleep(1_500);
          }
          case 2 -> {
            proxy.mode(FaultProxy.Mode.REFUSE);
            proxy.cutAll();
            Thread.sleep(1_000);
          }
          case 3 -> {
            proxy.delay(50);
            Thread.sleep(1_000);
          }
          default -> {
            proxy.resetAfter(random.nextInt(64, 4_096));
            Thread.sleep(1_000);
          }
        }
        proxy.heal();
        count(figures, "fault episodes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxy.heal();
  }

  private static void count(Map<String, AtomicLong> figures, String key) {
    figures.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  private void writeReport(Map<String, Object> report, long seconds) throws IOException {
    StringBuilder text =
        new StringBuilder(
            "soak " + connectorName() + ", " + THREADS + " threads, " + seconds + " s\n");
    report.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "soak-report-" + connectorName() + ".txt"), text);
    System.out.print(text);
  }
}
