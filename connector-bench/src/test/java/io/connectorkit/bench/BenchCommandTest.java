package io.connectorkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bench command's smoke run, so it never rots: every workload on every backend at a tiny scale
 * (the real servers of the build, {@code CK_MYSQL_URL} and {@code CK_POSTGRES_URL}). Nothing here
 * asserts a timing; what must hold is that both sides did the same work (equal check values, or the
 * run fails) and that the report and its JSON are complete.
 */
class BenchCommandTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"memory", "mongodb", "mysql", "postgresql"})
  void everyWorkloadRunsOnBothSidesWithEqualCheckValues(String backend) throws Exception {
    Path json = temp.resolve(backend + ".json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BenchCommand.run(
            new String[] {
              "--backend",
              backend,
              "--scale",
              "0.01",
              "--rounds",
              "1",
              "--warmup",
              "0",
              "--json",
              json.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String table = out.toString(StandardCharsets.UTF_8);
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("backend").asText()).isEqualTo(backend);
    List<String> workloads = new ArrayList<>();
    for (JsonNode workload : report.get("workloads")) {
      workloads.add(workload.get("workload").asText());
      assertThat(workload.get("ratio").asDouble()).isPositive();
      assertThat(workload.get("connectorkit").get("opsPerSecond").asDouble()).isPositive();
      assertThat(workload.get("raw").get("opsPerSecond").asDouble()).isPositive();
      assertThat(workload.get("connectorkit").get("cpuMicrosPerOp").asDouble()).isPositive();
      assertThat(workload.get("connectorkit").get("bytesPerOp").asLong()).isPositive();
      assertThat(workload.get("connectorkit").get("callsPerOp").asDouble())
          .as("the execute hooks saw %s's native calls", workload.get("workload"))
          .isPositive();
      assertThat(table).contains("| " + workload.get("workload").asText() + " ");
    }
    assertThat(workloads).isEqualTo(Workload.ids());
  }

  @Test
  void sidesThatDisagreeFailTheRun() {
    Side dao = new RawMemorySide();
    Side lying = new CountingOneTooMany(new RawMemorySide());
    try (Backend backend = Backend.of("memory", "test", dao, lying);
        BenchRunner runner = new BenchRunner(backend, 0.01, BenchRunner.Progress.silent())) {
      assertThatThrownBy(() -> runner.run(List.of(Workload.W2, Workload.W4), 0, 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("W4 on memory: the sides disagree");
    }
  }

  @Test
  void unknownBackendOrWorkloadIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(BenchCommand.run(new String[] {"--backend", "oracle"}, out, errors)).isEqualTo(2);
    assertThat(
            BenchCommand.run(
                new String[] {"--backend", "memory", "--workloads", "W1,W9"}, out, errors))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--backend must be one of [memory, mysql, postgresql, mongodb], got oracle")
        .contains("unknown workload: W9");
  }

  /** A baseline that returns a wrong count and is right about everything else. */
  private record CountingOneTooMany(Side side) implements Side {
    @Override
    public String name() {
      return "raw";
    }

    @Override
    public void clear() {
      side.clear();
    }

    @Override
    public Object create(Person person) {
      return side.create(person);
    }

    @Override
    public List<Object> createAll(List<Person> people) {
      return side.createAll(people);
    }

    @Override
    public Optional<Map<String, Object>> findById(Object id) {
      return side.findById(id);
    }

    @Override
    public List<Map<String, Object>> find(String city, long ageAbove, int limit) {
      return side.find(city, ageAbove, limit);
    }

    @Override
    public long count(String city) {
      return side.count(city) + 1;
    }

    @Override
    public long countAll() {
      return side.countAll();
    }

    @Override
    public long updateAll(String city, long age) {
      return side.updateAll(city, age);
    }

    @Override
    public Map<String, Object> upsert(Object id, Person person) {
      return side.upsert(id, person);
    }

    @Override
    public long deleteAll(String city) {
      return side.deleteAll(city);
    }

    @Override
    public long calls() {
      return side.calls();
    }

    @Override
    public void close() {
      side.close();
    }
  }
}
