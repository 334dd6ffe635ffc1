package io.connectorkit.cli;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.tck.ReportFormat;
import io.connectorkit.tck.TckReport;
import io.connectorkit.tck.TckReports;
import io.connectorkit.tck.TckResult;
import io.connectorkit.tck.TckRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code connectorkit tck}: runs the TCK against a connector (bundled, or from {@code --jar} files)
 * and prints its compatibility report. Exit status: 0 when every test passed or was skipped for a
 * missing prerequisite, 1 when a test failed (or the connector cannot be reached), 2 on usage
 * errors (bad options, unknown connector, invalid datasource settings, no test selected).
 */
@Command(
    name = "tck",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the technology compatibility kit against a connector and prints its compatibility"
          + " report: per optional feature and per CONTRACT section, with every failing test's"
          + " message.",
      "Each test gets a fresh datasource made from the same settings.",
      "Examples:",
      "  connectorkit tck memory",
      "  connectorkit tck memory --tags filter --tags order",
      "  connectorkit tck --jar my-connector.jar --connector my --report md --out my.md",
      "  connectorkit tck --datasource datasources.json --name mysql"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every test passed (or was skipped for a missing prerequisite)",
      "1:a test failed, or the connector could not be reached",
      "2:usage error: bad options, unknown connector, invalid settings, no test selected"
    })
final class TckCommand implements Callable<Integer> {
  private static final int OK = 0;
  private static final int FAILED = 1;
  private static final int USAGE = 2;
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.log.io.connectorkit";

  private final PrintStream out;
  private final PrintStream err;
  private final Function<String, String> environment;
  private final boolean terminal;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CONNECTOR",
      description = "The connector's name; the same as --connector.")
  @Nullable String positional;

  @Option(
      names = "--connector",
      paramLabel = "NAME",
      description =
          "The connector's name (its factory's name()). Overrides the datasource file's"
              + " \"connector\". Optional with --jar when the jars register exactly one connector.")
  @Nullable String connector;

  @Option(
      names = "--datasource",
      paramLabel = "FILE",
      description =
          "Datasource JSON (LoopBack datasources.json or a single datasource) whose settings make"
              + " each test's datasource. Default: {\"connector\": NAME}.")
  @Nullable Path datasource;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "Which datasource of the file; needed when it defines several.")
  @Nullable String name;

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description =
          "A jar holding the connector (and its dependencies); repeatable. Connectors are found"
              + " through META-INF/services/io.connectorkit.core.spi.ConnectorFactory.")
  List<Path> jars = new ArrayList<>();

  @Option(
      names = "--tags",
      paramLabel = "EXPR",
      split = ",",
      description =
          "JUnit tag expressions selecting areas (crud, filter, order, paging, fields, upsert,"
              + " types, errors, transactions, migration, discovery, concurrency, lifecycle,"
              + " features); repeatable; a test runs when it matches any. Default: all.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--report",
      paramLabel = "FORMAT",
      description =
          "text, md, json or html. Without --out, the report in that format goes to standard"
              + " output. Default: text, or the --out file's extension.")
  @Nullable String report;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Write the report to FILE; standard output then gets the text report (with the"
              + " summary).")
  @Nullable Path outFile;

  TckCommand(
      PrintStream out, PrintStream err, Function<String, String> environment, boolean terminal) {
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.environment = requireNonNull(environment, "environment is null");
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    // The TCK provokes errors and timeouts on purpose; keep the library's warnings about them out
    // of the report (slf4j-simple reads this when the first logger is made, i.e. only in a fresh
    // JVM such as bin/connectorkit's).
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "error");
    }
    ReportFormat format;
    try {
      format = format();
    } catch (IllegalArgumentException e) {
      return usage(requireNonNull(e.getMessage(), "message is null"));
    }
    if (positional != null && connector != null && !positional.equals(connector)) {
      return usage(
          "the connector is given twice: \"" + positional + "\" and --connector " + connector);
    }
    String connectorName = connector != null ? connector : positional;
    if (name != null && datasource == null) {
      return usage("--name needs --datasource");
    }
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        return usage("--jar " + jar + ": no such file");
      }
    }

    URLClassLoader loader = jars.isEmpty() ? null : classLoader(jars);
    ClassLoader parent = TckCommand.class.getClassLoader();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try {
      if (loader != null) {
        Thread.currentThread().setContextClassLoader(loader);
      }
      ConnectorRegistry registry;
      String dataSourceName;
      Map<String, Object> settings;
      try {
        registry = ConnectorRegistry.load(loader == null ? parent : loader);
        if (connectorName == null && datasource == null && loader != null) {
          connectorName = onlyJarConnector(registry, ConnectorRegistry.load(parent));
        }
        if (connectorName == null && datasource == null) {
          return usage(
              "name the connector to test (CONNECTOR or --connector), or give --datasource;"
                  + " available connectors: "
                  + String.join(", ", new TreeSet<>(registry.names())));
        }
        if (datasource != null) {
          Map.Entry<String, Map<String, Object>> chosen = readDataSource(datasource);
          dataSourceName = chosen.getKey();
          settings = new LinkedHashMap<>(chosen.getValue());
        } else {
          dataSourceName = "tck";
          settings = new LinkedHashMap<>();
        }
        if (connectorName != null) {
          settings.put("connector", connectorName);
        }
        // Fail fast, before the run, on an unknown connector or invalid settings.
        DataSources.create(dataSourceName, settings, registry).close();
      } catch (ConnectorException e) {
        err.println("connectorkit tck: " + e.getMessage());
        err.flush();
        return e.code() == ErrorCode.CONFIGURATION_INVALID ? USAGE : FAILED;
      }

      Map<String, Object> frozen = Map.copyOf(settings);
      ConnectorRegistry chosenRegistry = registry;
      Supplier<DataSource> dataSources =
          () -> DataSources.create(dataSourceName, frozen, chosenRegistry);
      long started = System.nanoTime();
      ProgressBar progress = new ProgressBar(err, terminal);
      TckReport result;
      try {
        result = TckRunner.run(dataSources, tags, progress);
      } catch (ConnectorException e) {
        progress.done();
        err.println("connectorkit tck: " + e.code() + ": " + e.getMessage());
        err.flush();
        return FAILED;
      }
      progress.done();
      double seconds = (System.nanoTime() - started) / 1e9;

      if (result.results().isEmpty()) {
        err.println("connectorkit tck: no TCK test matches --tags " + String.join(" ", tags));
        err.flush();
        return USAGE;
      }
      if (outFile != null) {
        try {
          Path parentDir = outFile.toAbsolutePath().getParent();
          if (parentDir != null) {
            Files.createDirectories(parentDir);
          }
          Files.writeString(outFile, TckReports.render(result, format), StandardCharsets.UTF_8);
        } catch (IOException e) {
          err.println("connectorkit tck: cannot write " + outFile + ": " + e);
          err.flush();
          return FAILED;
        }
        out.print(TckReports.text(result));
        out.println();
        out.printf(Locale.ROOT, "Wrote the %s report to %s%n", format.id(), outFile);
      } else {
        out.print(TckReports.render(result, format));
      }
      out.flush();
      err.printf(Locale.ROOT, "%s in %.1f s%n", TckReports.summary(result), seconds);
      err.flush();
      return result.passed() ? OK : FAILED;
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      if (loader != null) {
        try {
          loader.close();
        } catch (IOException e) {
          // nothing left to do with it
        }
      }
    }
  }

  private ReportFormat format() {
    if (report != null) {
      return ReportFormat.parse(report);
    }
    if (outFile != null) {
      Path fileName = outFile.getFileName(); // null for a root, such as "/"
      String file = fileName == null ? "" : fileName.toString();
      int dot = file.lastIndexOf('.');
      if (dot < 0) {
        throw new IllegalArgumentException(
            "--out " + outFile + ": say which format with --report (text, md, json, html)");
      }
      return ReportFormat.parse(file.substring(dot + 1));
    }
    return ReportFormat.TEXT;
  }

  private Map.Entry<String, Map<String, Object>> readDataSource(Path datasource) {
    String json;
    try {
      json = Files.readString(DataSources.dataSourcesFile(datasource));
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID, "cannot read datasource file " + datasource + ": " + e);
    }
    Map<String, Map<String, Object>> all;
    try {
      all = DataSources.parse(json, environment);
    } catch (ConnectorException e) {
      throw new ConnectorException(e.code(), datasource + ": " + e.getMessage(), e);
    }
    String chosen = name;
    if (chosen == null) {
      if (all.size() != 1) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            datasource
                + " defines "
                + all.size()
                + " datasources "
                + all.keySet()
                + "; choose one with --name");
      }
      chosen = all.keySet().iterator().next();
    }
    Map<String, Object> settings = all.get(chosen);
    if (settings == null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          datasource + " has no datasource \"" + chosen + "\"; it has " + all.keySet());
    }
    return Map.entry(chosen, settings);
  }

  /** The one connector the jars add to those on the CLI's own class path. */
  private String onlyJarConnector(ConnectorRegistry withJars, ConnectorRegistry builtIn) {
    Set<String> added = new TreeSet<>(withJars.names());
    added.removeAll(builtIn.names());
    if (added.size() == 1) {
      return added.iterator().next();
    }
    throw new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        added.isEmpty()
            ? "the jars register no connector (META-INF/services/"
                + "io.connectorkit.core.spi.ConnectorFactory); available: "
                + String.join(", ", new TreeSet<>(withJars.names()))
            : "the jars register several connectors " + added + "; choose one with --connector");
  }

  private static URLClassLoader classLoader(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < jars.size(); i++) {
      try {
        urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("--jar " + jars.get(i) + ": " + e.getMessage(), e);
      }
    }
    return new URLClassLoader("connectorkit-tck-jars", urls, TckCommand.class.getClassLoader());
  }

  private int usage(String message) {
    err.println("connectorkit tck: " + message);
    err.println("Try 'connectorkit tck --help' for more information.");
    err.flush();
    return USAGE;
  }

  /**
   * Progress on standard error: a bar redrawn in place on a terminal; elsewhere (a log, a pipe) a
   * dot every ten tests, so that long runs show they are alive without flooding the log.
   */
  static final class ProgressBar implements TckRunner.Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean terminal;
    private long total;
    private long done;
    private long failed;
    private boolean drawn;

    ProgressBar(PrintStream err, boolean terminal) {
      this.err = err;
      this.terminal = terminal;
    }

    @Override
    public void started(long total) {
      this.total = total;
      if (!terminal) {
        err.print("Running the TCK ");
        err.flush();
        drawn = true;
      }
    }

    @Override
    public void finished(TckResult result) {
      done++;
      if (result.status() == TckResult.Status.FAILED) {
        failed++;
      }
      if (terminal) {
        // The plan counts test methods; parameterized tests add invocations as they run, so the
        // count can pass the total: the bar then stays nearly full and shows the count alone.
        int filled = total == 0 ? WIDTH - 1 : (int) Math.min(WIDTH - 1, done * WIDTH / total);
        String line =
            String.format(
                Locale.ROOT,
                "\r[%s%s] %s%s %s",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                done <= total ? done + "/" + total : done + " tests",
                failed > 0 ? " (" + failed + " failed)" : "",
                result.section());
        err.print(line + "\u001b[K");
        err.flush();
        drawn = true;
      } else if (done % 10 == 0) {
        err.print(failed > 0 ? "x" : ".");
        err.flush();
      }
    }

    void done() {
      if (drawn) {
        err.print(terminal ? "\r\u001b[K" : "\n");
        err.flush();
        drawn = false;
      }
    }
  }
}
