package io.connectorkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Turns JMH's JSON results ({@code -rf json}) into the Markdown table of {@code
 * docs/benchmarks.md}: one row per pair of benchmark methods {@code xDao} / {@code xRaw}, with both
 * scores and their ratio, under the machine, JDK, backends and the command that produced them.
 *
 * <p>Usage: {@code BenchmarkReport RESULT_JSON OUTPUT_MD COMMAND}. It also prints the Markdown.
 */
public final class BenchmarkReport {
  private static final String DAO = "Dao";
  private static final String RAW = "Raw";

  private static final Map<String, String> BACKENDS =
      Map.of(
          "MemoryBenchmark", "memory",
          "MySqlBenchmark", "mysql",
          "MongoBenchmark", "mongodb");

  private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

  static {
    DESCRIPTIONS.put(
        "memory findById",
        "`dao.findById(id)` / `map.get(id)` and a copy of the row (the connector hands out copies"
            + " too); ids 1..2000 in turn.");
    DESCRIPTIONS.put(
        "memory find",
        "`category = c3 AND n >= 500`, by `n`, limit 100 of 2000 rows (no index) / a stream over"
            + " the map's values: filter, sort by n then id, limit, copy.");
    DESCRIPTIONS.put(
        "mysql findById",
        "`dao.findById(id)` / `SELECT … WHERE id = ?` on a connection from a HikariCP pool set up"
            + " as the connector's; ids 1..2000 in turn.");
    DESCRIPTIONS.put(
        "mysql find",
        "the same query (`WHERE category = ? AND n >= ? ORDER BY n, id LIMIT ?`, `category`"
            + " indexed), 100 rows mapped to a `Map` each.");
    DESCRIPTIONS.put(
        "mysql create",
        "`dao.create(item)` / `INSERT … VALUES (?, ?, ?, ?, ?)` with generated keys, the row as a"
            + " `Map` with its id.");
    DESCRIPTIONS.put(
        "mysql createAll",
        "`dao.createAll(100 items)` / one 100-row `INSERT` with generated keys, as the connector"
            + " sends it.");
    DESCRIPTIONS.put(
        "mongodb findById",
        "`dao.findById(hex)` / `find(eq(\"_id\", new ObjectId(hex))).first()`; 2000 ids in turn.");
    DESCRIPTIONS.put(
        "mongodb find",
        "`category = c3 AND n >= 500`, by `n`, limit 100 / `find(and(eq, gte)).sort(n, _id)"
            + ".limit(100)`, each document mapped to a `Map` with the id as hex.");
    DESCRIPTIONS.put(
        "mongodb create",
        "`dao.create(item)` / `insertOne(new Document(item))`, the row as a `Map` with its id.");
  }

  private BenchmarkReport() {}

  /**
   * Writes the report.
   *
   * @param args the JMH JSON result file, the Markdown file to write, and the command that ran the
   *     benchmarks (shown in the report)
   * @throws IOException when the result cannot be read or the report not written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: BenchmarkReport RESULT_JSON OUTPUT_MD COMMAND");
      System.exit(2);
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    String markdown = render(results, args[2], machine(), versions(), mysqlServer(results));
    Path out = Path.of(args[1]);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.out.print(markdown);
  }

  /**
   * One benchmark method's result.
   *
   * @param allocated bytes allocated per operation ({@code -prof gc}); NaN without that profiler
   */
  record Score(double score, double error, String unit, String mode, double allocated) {
    static Score of(JsonNode result) {
      JsonNode metric = result.get("primaryMetric");
      JsonNode gc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
      return new Score(
          metric.get("score").asDouble(),
          metric.get("scoreError").asDouble(Double.NaN),
          metric.get("scoreUnit").asText(),
          result.get("mode").asText(),
          gc.isMissingNode() ? Double.NaN : gc.get("score").asDouble());
    }

    String show() {
      String unitless = number(score);
      return Double.isNaN(error) ? unitless : unitless + " ± " + number(error);
    }
  }

  /** A row: a ConnectorKit method and its raw twin; either may be missing. */
  record Pair(String name, @Nullable Score dao, @Nullable Score raw) {
    /** ConnectorKit's time over the raw time, whatever JMH's mode; NaN when a side is missing. */
    double ratio() {
      if (dao == null || raw == null) {
        return Double.NaN;
      }
      return dao.mode().equals("thrpt") ? raw.score() / dao.score() : dao.score() / raw.score();
    }
  }

  static List<Pair> pairs(JsonNode results) {
    Map<String, @Nullable Score[]> byName = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String benchmark = result.get("benchmark").asText();
      int dot = benchmark.lastIndexOf('.');
      String owner = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
      String method = benchmark.substring(dot + 1);
      boolean dao = method.endsWith(DAO);
      boolean raw = method.endsWith(RAW);
      String operation = dao || raw ? method.substring(0, method.length() - DAO.length()) : method;
      String name = BACKENDS.getOrDefault(owner, owner) + " " + operation;
      @Nullable Score[] sides = byName.computeIfAbsent(name, key -> new Score[2]);
      sides[raw ? 1 : 0] = Score.of(result);
    }
    List<Pair> pairs = new ArrayList<>();
    byName.forEach((name, sides) -> pairs.add(new Pair(name, sides[0], sides[1])));
    return pairs;
  }

  static String render(
      JsonNode results,
      String command,
      String machine,
      Properties versions,
      @Nullable String mysqlServer) {
    JsonNode first = results.get(0);
    List<Pair> pairs = pairs(results);
    String unit = first.get("primaryMetric").get("scoreUnit").asText().replace("us/", "µs/");
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks: ConnectorKit next to the raw drivers\n\n");
    md.append("Generated by `scripts/bench.sh` from JMH's JSON result; do not edit by hand.\n");
    md.append("Each row is one operation done two ways on the same data, set up the same way in\n");
    md.append(
        "the same kind of JVM: through ConnectorKit's DAO, and with the raw driver (or a plain\n");
    md.append(
        "map) doing the same work. JMH runs each side in its own fork, one after the other.\n");
    md.append("**ratio** = ConnectorKit's time / the raw time: 1.00 is no overhead.\n\n");
    md.append("* Run: ")
        .append(
            ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append('\n');
    md.append("* Machine: ").append(machine).append('\n');
    md.append("* JDK: ")
        .append(first.get("vmName").asText())
        .append(' ')
        .append(first.get("vmVersion").asText())
        .append(", JVM options `")
        .append(
            StreamSupport.stream(first.get("jvmArgs").spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.joining(" ")))
        .append("`\n");
    md.append("* Backends: ");
    List<String> backends = new ArrayList<>();
    if (mysqlServer != null) {
      backends.add(mysqlServer);
    }
    if (pairs.stream().anyMatch(p -> p.name().startsWith("mongodb "))) {
      backends.add(
          "mongo-java-server "
              + versions.getProperty("mongo-java-server", "?")
              + " (memory backend) in the benchmark's JVM, over TCP on 127.0.0.1");
    }
    if (pairs.stream().anyMatch(p -> p.name().startsWith("memory "))) {
      backends.add("the memory connector");
    }
    md.append(String.join("; ", backends)).append('\n');
    md.append("* Libraries: JMH ")
        .append(versions.getProperty("jmh", "?"))
        .append(", mysql-connector-j ")
        .append(versions.getProperty("mysql-connector-j", "?"))
        .append(", HikariCP ")
        .append(versions.getProperty("HikariCP", "?"))
        .append(", mongodb-driver-sync ")
        .append(versions.getProperty("mongodb-driver-sync", "?"))
        .append('\n');
    md.append("* JMH settings: mode ")
        .append(first.get("mode").asText())
        .append(", ")
        .append(first.get("forks").asInt())
        .append(" fork per benchmark, ")
        .append(first.get("warmupIterations").asInt())
        .append(" × ")
        .append(first.get("warmupTime").asText())
        .append(" warmup, ")
        .append(first.get("measurementIterations").asInt())
        .append(" × ")
        .append(first.get("measurementTime").asText())
        .append(" measurement, ")
        .append(first.get("threads").asInt())
        .append(" thread\n");
    md.append("* Command: `").append(command).append("`\n\n");

    boolean allocations =
        pairs.stream()
            .flatMap(pair -> Stream.of(pair.dao(), pair.raw()))
            .anyMatch(score -> score != null && !Double.isNaN(score.allocated()));
    md.append("| benchmark | ConnectorKit (")
        .append(unit)
        .append(") | raw (")
        .append(unit)
        .append(") | ratio |")
        .append(allocations ? " ConnectorKit allocates (B/op) | raw allocates (B/op) |" : "")
        .append('\n');
    md.append("|---|--:|--:|--:|").append(allocations ? "--:|--:|" : "").append('\n');
    for (Pair pair : pairs) {
      md.append("| ")
          .append(pair.name())
          .append(" | ")
          .append(pair.dao() == null ? "—" : pair.dao().show())
          .append(" | ")
          .append(pair.raw() == null ? "—" : pair.raw().show())
          .append(" | ")
          .append(
              Double.isNaN(pair.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", pair.ratio()))
          .append(" |");
      if (allocations) {
        md.append(' ')
            .append(bytes(pair.dao()))
            .append(" | ")
            .append(bytes(pair.raw()))
            .append(" |");
      }
      md.append('\n');
    }
    md.append(
        "\nScores are JMH's mean ± the half-width of its 99.9% confidence interval over the\n");
    md.append("measurement iterations. The machine's cores are shared with other work: compare\n");
    md.append(
        "ratios, not absolute times, and rerun before trusting a change of less than ~20%.\n");
    if (allocations) {
      md.append(
          "Bytes allocated per operation (JMH's `-prof gc`, every thread of the JVM, so on\n");
      md.append("mongodb the in-process server's too) do not depend on the machine's load.\n");
    }

    md.append("\n## What each pair does\n\n");
    md.append("ConnectorKit side / raw side. Both return the same rows as `Map`s with the same\n");
    md.append("values (`BenchmarkPairsTest` checks it in the build).\n\n");
    for (Pair pair : pairs) {
      String description = DESCRIPTIONS.get(pair.name());
      if (description != null) {
        md.append("* **").append(pair.name()).append("**: ").append(description).append('\n');
      }
    }
    return md.toString();
  }

  private static String bytes(@Nullable Score score) {
    return score == null || Double.isNaN(score.allocated())
        ? "—"
        : String.format(Locale.ROOT, "%,.0f", score.allocated());
  }

  /** A score with three significant digits or more (no exponent). */
  static String number(double value) {
    double magnitude = Math.abs(value);
    String pattern =
        magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(line -> line.startsWith("model name"))
              .map(line -> line.substring(line.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | UncheckedIOException e) {
      // Not Linux: the rest still says what the machine is.
    }
    String load = "";
    try {
      String[] averages = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
      load = ", load average " + averages[0] + " / " + averages[1] + " (1 / 5 min) at the end";
    } catch (IOException e) {
      // As above.
    }
    long memory = 0;
    try {
      memory =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
                  .filter(line -> line.startsWith("MemTotal:"))
                  .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                  .findFirst()
                  .orElse(0)
              / (1024 * 1024);
    } catch (IOException | UncheckedIOException e) {
      // As above.
    }
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch")
        + ", "
        + cpu
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores"
        + (memory > 0 ? ", " + memory + " GiB" : "")
        + load;
  }

  private static Properties versions() throws IOException {
    Properties versions = new Properties();
    try (InputStream in =
        BenchmarkReport.class.getResourceAsStream("/connectorkit-bench.properties")) {
      if (in != null) {
        versions.load(in);
      }
    }
    return versions;
  }

  /** The MariaDB/MySQL server's version when a mysql benchmark ran; null otherwise. */
  private static @Nullable String mysqlServer(JsonNode results) {
    boolean ran =
        StreamSupport.stream(results.spliterator(), false)
            .anyMatch(r -> r.get("benchmark").asText().contains(".MySqlBenchmark."));
    if (!ran) {
      return null;
    }
    MySqlPair.Server server = MySqlPair.Server.fromEnvironment();
    String where = " at " + server.host() + ":" + server.port();
    Properties properties = new Properties();
    properties.setProperty("user", server.user());
    properties.setProperty("password", server.password());
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:mysql://" + server.host() + ":" + server.port() + "/", properties);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
      rs.next();
      String version = rs.getString(1);
      String flavour = version.contains("MariaDB") ? "MariaDB " : "MySQL ";
      return flavour
          + version.replaceFirst("-MariaDB.*", "")
          + where
          + ", database "
          + MySqlBenchmark.DATABASE;
    } catch (SQLException e) {
      return "MySQL/MariaDB (version unknown: " + e.getMessage() + ")" + where;
    }
  }
}
