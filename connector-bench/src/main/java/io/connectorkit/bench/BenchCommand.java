package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code connectorkit bench}: the project's workloads W1–W8 through ConnectorKit's DAO and through
 * a hand-written raw-driver baseline, alternating, after warm-up; prints throughput of each side,
 * their ratio (min / median / max over the rounds), client CPU and bytes allocated per operation,
 * and native calls per operation. {@code bin/connectorkit bench …} runs it from connector-bench's
 * jar: this module is not published, so the published CLI cannot depend on it.
 */
@Command(
    name = "connectorkit bench",
    mixinStandardHelpOptions = true,
    description = "Workloads W1-W8 through ConnectorKit and through the raw driver, compared.")
public final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--backend",
      required = true,
      description = "memory, mysql, postgresql or mongodb")
  @Nullable String backend;

  @Option(
      names = "--workloads",
      split = ",",
      description = "comma-separated subset of W1,W1b,W2,…,W8 (default: all)")
  List<String> workloads = Workload.ids();

  @Option(names = "--scale", description = "operations and rows × this (default: 1)")
  double scale = 1;

  @Option(names = "--rounds", description = "measured rounds (default: 5)")
  int rounds = 5;

  @Option(names = "--warmup", description = "warm-up rounds, not recorded (default: 1)")
  int warmup = 1;

  @Option(names = "--json", description = "also write the results as JSON to this file")
  @Nullable Path json;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  /** Runs the command and exits with its status: 0 done, 1 failed, 2 usage error. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command on the given streams without exiting. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    BenchCommand command = new BenchCommand();
    command.out = out;
    command.err = err;
    return new CommandLine(command)
        .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
        .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
        .execute(args);
  }

  @Override
  public Integer call() throws IOException {
    String backend = requireNonNull(this.backend, "--backend is required");
    if (!Backend.NAMES.contains(backend)) {
      err.println("--backend must be one of " + Backend.NAMES + ", got " + backend);
      return 2;
    }
    if (scale <= 0 || rounds < 1 || warmup < 0) {
      err.println("--scale must be > 0, --rounds >= 1, --warmup >= 0");
      return 2;
    }
    List<Workload> selected = new ArrayList<>();
    for (String id : workloads) {
      try {
        selected.add(Workload.of(id));
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage() + " (known: " + String.join(",", Workload.ids()) + ")");
        return 2;
      }
    }
    String started =
        DateTimeFormatter.ISO_INSTANT.format(
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    String loadBefore = loadAverage();
    List<BenchRunner.Series> results;
    String description;
    try (Backend opened = Backend.open(backend);
        BenchRunner runner =
            new BenchRunner(
                opened,
                scale,
                quiet ? BenchRunner.Progress.silent() : new BenchRunner.Progress(err))) {
      description = opened.description;
      results = runner.run(selected, warmup, rounds);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("backend", backend);
    report.put("backendDescription", description);
    report.put("started", started);
    report.put(
        "command",
        "bin/connectorkit bench --backend "
            + backend
            + " --workloads "
            + String.join(",", selected.stream().map(Workload::id).toList())
            + " --scale "
            + scale
            + " --rounds "
            + rounds
            + " --warmup "
            + warmup);
    report.put("machine", machine());
    report.put("loadAverage", Map.of("before", loadBefore, "after", loadAverage()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BenchRunner.Series series : results) {
      rows.add(summary(series));
    }
    report.put("workloads", rows);
    out.print(table(report, rows));
    if (json != null) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      mapper.writeValue(json.toFile(), report);
    }
    return 0;
  }

  private static Map<String, Object> summary(BenchRunner.Series series) {
    Map<String, Object> row = new LinkedHashMap<>();
    Workload workload = series.workload();
    row.put("workload", workload.id());
    row.put("operation", workload.title);
    row.put("description", workload.description);
    row.put("ops", series.dao().get(0).ops());
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < series.dao().size(); i++) {
      ratios.add(series.dao().get(i).opsPerSecond() / series.raw().get(i).opsPerSecond());
    }
    row.put("ratio", round(median(ratios)));
    row.put("ratioMin", round(ratios.stream().mapToDouble(d -> d).min().orElseThrow()));
    row.put("ratioMax", round(ratios.stream().mapToDouble(d -> d).max().orElseThrow()));
    row.put("connectorkit", side(series.dao()));
    row.put("raw", side(series.raw()));
    double daoCpu = median(series.dao(), s -> (double) s.cpuNanos() / s.ops());
    double rawCpu = median(series.raw(), s -> (double) s.cpuNanos() / s.ops());
    row.put("cpuRatio", round(daoCpu / rawCpu));
    row.put("check", series.dao().get(0).check());
    return row;
  }

  private static Map<String, Object> side(List<BenchRunner.Sample> samples) {
    Map<String, Object> side = new LinkedHashMap<>();
    side.put("opsPerSecond", round(median(samples, BenchRunner.Sample::opsPerSecond)));
    side.put(
        "opsPerSecondMin",
        round(samples.stream().mapToDouble(BenchRunner.Sample::opsPerSecond).min().orElseThrow()));
    side.put(
        "opsPerSecondMax",
        round(samples.stream().mapToDouble(BenchRunner.Sample::opsPerSecond).max().orElseThrow()));
    side.put("cpuMicrosPerOp", round(median(samples, s -> s.cpuNanos() / 1e3 / s.ops())));
    side.put("bytesPerOp", Math.round(median(samples, s -> (double) s.allocatedBytes() / s.ops())));
    double calls = median(samples, s -> (double) s.calls() / s.ops());
    side.put("callsPerOp", calls < 0 ? null : round(calls));
    return side;
  }

  private static double median(
      List<BenchRunner.Sample> samples, ToDoubleFunction<BenchRunner.Sample> f) {
    return median(samples.stream().map(f::applyAsDouble).toList());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double round(double value) {
    if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    double magnitude = Math.pow(10, 3 - Math.ceil(Math.log10(Math.abs(value))));
    return Math.round(value * magnitude) / magnitude;
  }

  @SuppressWarnings("unchecked")
  private static String table(Map<String, Object> report, List<Map<String, Object>> rows) {
    StringBuilder text = new StringBuilder();
    text.append("backend: ").append(report.get("backendDescription")).append('\n');
    text.append("machine: ").append(report.get("machine")).append('\n');
    Map<String, Object> load =
        (Map<String, Object>) requireNonNull(report.get("loadAverage"), "loadAverage is null");
    text.append("load average (1/5/15 min): before ")
        .append(load.get("before"))
        .append(", after ")
        .append(load.get("after"))
        .append('\n');
    text.append("command: ").append(report.get("command")).append("\n\n");
    text.append(
        "| workload | ops | ConnectorKit ops/s | raw ops/s | ratio (min-max) | CPU µs/op CK / raw"
            + " | KB alloc/op CK / raw | calls/op CK / raw |\n");
    text.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Map<String, Object> row : rows) {
      Map<String, Object> dao =
          (Map<String, Object>) requireNonNull(row.get("connectorkit"), "connectorkit is null");
      Map<String, Object> raw = (Map<String, Object>) requireNonNull(row.get("raw"), "raw is null");
      text.append(
          String.format(
              Locale.ROOT,
              "| %s %s | %d | %,.0f | %,.0f | %.2f (%.2f-%.2f) | %.1f / %.1f | %.1f / %.1f | %s /"
                  + " %s |%n",
              row.get("workload"),
              row.get("operation"),
              number(row.get("ops")).longValue(),
              decimal(dao.get("opsPerSecond")),
              decimal(raw.get("opsPerSecond")),
              decimal(row.get("ratio")),
              decimal(row.get("ratioMin")),
              decimal(row.get("ratioMax")),
              decimal(dao.get("cpuMicrosPerOp")),
              decimal(raw.get("cpuMicrosPerOp")),
              number(dao.get("bytesPerOp")).longValue() / 1024.0,
              number(raw.get("bytesPerOp")).longValue() / 1024.0,
              calls(dao.get("callsPerOp")),
              calls(raw.get("callsPerOp"))));
    }
    text.append(
        "\nratio = ConnectorKit ops/s ÷ raw ops/s per round, median of the rounds (1.00: no"
            + " overhead). CPU and allocation: the calling threads only.\n");
    return text.toString();
  }

  private static String calls(@Nullable Object value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue());
  }

  private static String machine() {
    String cpu = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                  .filter(line -> line.startsWith("model name"))
                  .map(line -> line.substring(line.indexOf(':') + 1).trim())
                  .findFirst()
                  .orElse("")
              + ", ";
    } catch (IOException | RuntimeException e) {
      // Not Linux: the OS line below still says enough.
    }
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch")
        + ", "
        + cpu
        + Runtime.getRuntime().availableProcessors()
        + " cores, JDK "
        + System.getProperty("java.vm.version")
        + ", heap max "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB";
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** A report number for {@code %f}: a Long read back from JSON would not format as one. */
  private static double decimal(@Nullable Object value) {
    return number(value).doubleValue();
  }

  /** A number {@link #summary} put in the report (only callsPerOp may be null: {@link #calls}). */
  private static Number number(@Nullable Object value) {
    return (Number) requireNonNull(value, "report number is null");
  }
}
