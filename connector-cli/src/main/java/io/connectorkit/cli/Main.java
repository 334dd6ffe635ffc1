package io.connectorkit.cli;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code connectorkit} command line: {@code exec} speaks the JSON-lines protocol of CONTRACT
 * C10, {@code shell} takes LoopBack-style calls ({@link ShellSession}), {@code ping} checks a
 * datasource, {@code discover} writes model JSON (and Java records) for existing tables ({@link
 * DiscoverCommand}), {@code tck} runs the compatibility kit ({@link TckCommand}). Exit status: 0
 * success, 1 failure (bad configuration, a failed ping), 2 usage error.
 */
@Command(
    name = "connectorkit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "LoopBack-style datasources and connectors for the JVM.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Function<String, String> environment;

  // Injected by picocli before call().
  @Spec private CommandLine.Model.@Nullable CommandSpec spec;

  private Main(
      InputStream in, PrintStream out, PrintStream err, Function<String, String> environment) {
    this.in = requireNonNull(in, "in is null");
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  /**
   * Runs the command line and exits with its status. {@code --log-level LEVEL} (anywhere on the
   * line) sets the level of the bundled SLF4J binding, {@code slf4j-simple}, which logs to standard
   * error; it must be read before any logger exists, so it is taken here, before the commands.
   */
  // Java 17, the baseline: a null console is how the JDK says "no terminal" (22 changed that).
  @SuppressWarnings("SystemConsoleNull")
  public static void main(String[] args) {
    String[] rest;
    try {
      rest = LogLevel.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(CommandLine.ExitCode.USAGE);
      return;
    }
    System.exit(
        run(rest, System.in, System.out, System.err, System::getenv, System.console() != null));
  }

  /**
   * Runs the command line on the given streams without exiting the JVM.
   *
   * @param environment resolves {@code ${VAR}} in datasource files
   * @return the exit status
   */
  public static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Function<String, String> environment) {
    return run(args, in, out, err, environment, false);
  }

  /**
   * Runs the command line on the given streams without exiting the JVM.
   *
   * @param terminal whether standard error is an interactive terminal (progress bars)
   * @return the exit status
   */
  static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Function<String, String> environment,
      boolean terminal) {
    requireNonNull(args, "args is null");
    Main main = new Main(in, out, err, environment);
    CommandLine commandLine = new CommandLine(main);
    commandLine.addSubcommand("exec", main.new Exec());
    commandLine.addSubcommand("shell", main.new Shell(terminal));
    commandLine.addSubcommand("ping", main.new Ping());
    commandLine.addSubcommand("discover", new DiscoverCommand(out, err, environment));
    commandLine.addSubcommand("tck", new TckCommand(out, err, environment, terminal));
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    int status = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    return status;
  }

  /** Without a subcommand there is nothing to do: show the usage as a usage error. */
  @Override
  public Integer call() {
    CommandLine commandLine = requireNonNull(spec, "spec is null").commandLine();
    commandLine.usage(commandLine.getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /** The model files of the session commands, defined before the first request. */
  static final class ModelFiles {
    @Option(
        names = "--models",
        paramLabel = "FILE",
        description =
            "Model JSON file (one model or an array of models), or a directory of them (every"
                + " .json file, e.g. a LoopBack common/models), to define first.")
    List<Path> files = new ArrayList<>();
  }

  /** The datasource options shared by the subcommands. */
  static final class DataSourceOptions {
    @Option(
        names = "--datasource",
        required = true,
        paramLabel = "FILE",
        description =
            "Datasource JSON (LoopBack datasources.json or a single datasource), or a LoopBack 3"
                + " app's folder: its server/datasources.json, and for exec and shell the models"
                + " server/model-config.json attaches.")
    @Nullable Path file;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "Which datasource of the file; needed when it defines several.")
    @Nullable String name;

    /** {@code --datasource}, which picocli requires before a command runs. */
    Path file() {
      return requireNonNull(file, "--datasource is required");
    }

    /** The chosen datasource of the file: {@code --name}, or the file's only one. */
    DataSource load(Function<String, String> environment) {
      return DataSources.load(file(), name, ConnectorRegistry.load(), environment);
    }
  }

  private DataSource open(DataSourceOptions options) {
    LogLevel.showQueriesOfDebugDataSources(options.file());
    return options.load(environment);
  }

  /**
   * The datasources a session opens: the chosen one first, then, for a LoopBack 3 app folder, the
   * app's other datasources, which its models' relations may reach (they are linked).
   */
  private List<DataSource> openSession(DataSourceOptions options) {
    if (!Files.isDirectory(options.file())) {
      return List.of(open(options));
    }
    Map<String, DataSource> app =
        DataSources.loadApp(options.file(), ConnectorRegistry.load(), environment);
    String chosen = options.name;
    if (chosen == null) {
      List<String> withModels =
          app.entrySet().stream()
              .filter(entry -> !entry.getValue().models().isEmpty())
              .map(Map.Entry::getKey)
              .toList();
      chosen = withModels.size() == 1 ? withModels.get(0) : app.size() == 1 ? first(app) : null;
    }
    DataSource main = chosen == null ? null : app.get(chosen);
    if (main == null) {
      app.values().forEach(DataSource::close);
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          options.file()
              + (chosen == null
                  ? " has models on several datasources "
                      + app.keySet()
                      + "; choose one with --name"
                  : " has no datasource \"" + chosen + "\"; it has " + app.keySet()));
    }
    List<DataSource> session = new ArrayList<>();
    session.add(main);
    app.values().stream().filter(other -> other != main).forEach(session::add);
    return session;
  }

  private static String first(Map<String, DataSource> app) {
    return app.keySet().iterator().next();
  }

  private int fail(ConnectorException e) {
    err.println("connectorkit: " + e.getMessage());
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  @Command(
      name = "exec",
      mixinStandardHelpOptions = true,
      description = {
        "Reads one JSON request per line from standard input and writes one JSON response per"
            + " line to standard output (CONTRACT C10).",
        "Example: {\"op\":\"find\",\"model\":\"Person\",\"filter\":{\"where\":{\"age\":{\"gt\":30}}}}"
      })
  final class Exec implements Callable<Integer> {
    @CommandLine.Mixin DataSourceOptions dataSourceOptions = new DataSourceOptions();

    @CommandLine.Mixin ModelFiles modelFiles = new ModelFiles();

    @Override
    public Integer call() throws IOException {
      return withModels(
          dataSourceOptions,
          modelFiles.files,
          dataSource -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (ExecSession session = new ExecSession(dataSource)) {
              session.run(reader(), writer);
            }
            writer.flush();
            return CommandLine.ExitCode.OK;
          });
    }
  }

  @Command(
      name = "shell",
      mixinStandardHelpOptions = true,
      description = {
        "An interactive session of LoopBack-style calls; results are printed as JSON.",
        "Example: Person.find({\"where\": {\"age\": {\"gt\": 30}}}); .help lists the rest.",
        "Reads standard input to its end, so a file of calls runs as a script (exit 1 if a call"
            + " failed)."
      })
  final class Shell implements Callable<Integer> {
    private final boolean terminal;

    @CommandLine.Mixin DataSourceOptions dataSourceOptions = new DataSourceOptions();

    @CommandLine.Mixin ModelFiles modelFiles = new ModelFiles();

    Shell(boolean terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
      return withModels(
          dataSourceOptions,
          modelFiles.files,
          dataSource -> {
            try (ShellSession session = new ShellSession(dataSource, out, err)) {
              if (terminal) {
                out.println(
                    "connectorkit "
                        + version()
                        + " shell on datasource "
                        + dataSource.name()
                        + " ("
                        + dataSource.connectorName()
                        + "); .help for help, .exit to leave");
              }
              if (terminal) {
                try (org.jline.terminal.Terminal console =
                    org.jline.terminal.TerminalBuilder.builder().system(true).build()) {
                  session.run(console);
                }
              } else {
                session.run(reader(), false);
              }
              return session.failed() ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
            }
          });
    }
  }

  /** What a command does with its open datasource. */
  @FunctionalInterface
  private interface DataSourceWork {
    int run(DataSource dataSource) throws IOException;
  }

  /** Opens the datasource, defines the models of the files, runs the work, closes it. */
  private int withModels(DataSourceOptions options, List<Path> modelFiles, DataSourceWork work)
      throws IOException {
    List<DataSource> session;
    try {
      session = openSession(options);
    } catch (ConnectorException e) {
      return fail(e);
    }
    DataSource dataSource = session.get(0);
    try {
      try {
        for (Path file : modelFiles) {
          defineModels(dataSource, file);
        }
      } catch (ConnectorException e) {
        return fail(e);
      }
      return work.run(dataSource);
    } finally {
      session.forEach(DataSource::close);
    }
  }

  private BufferedReader reader() {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  @Command(
      name = "ping",
      mixinStandardHelpOptions = true,
      description = "Connects to a datasource and pings it: prints ok, or the error and exits 1.")
  final class Ping implements Callable<Integer> {
    @CommandLine.Mixin DataSourceOptions dataSourceOptions = new DataSourceOptions();

    @Override
    public Integer call() {
      try (DataSource dataSource = open(dataSourceOptions)) {
        dataSource.ping();
        out.println("ok");
        out.flush();
        return CommandLine.ExitCode.OK;
      } catch (ConnectorException e) {
        err.println("connectorkit: " + e.code() + ": " + e.getMessage());
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
      }
    }
  }

  /**
   * Defines the models of a model JSON file: one model object, or an array of them.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming the file
   */
  static void defineModels(DataSource dataSource, Path file) {
    if (Files.isDirectory(file)) {
      List<Path> files;
      try (java.util.stream.Stream<Path> listing = Files.list(file)) {
        files =
            listing
                .filter(f -> f.getFileName().toString().endsWith(".json"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
      } catch (IOException e) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "cannot list model directory " + file + ": " + describeIo(e),
            e);
      }
      for (Path model : files) {
        defineModels(dataSource, model);
      }
      return;
    }
    Object json;
    try {
      json = Json.read(Files.readString(file));
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "cannot read model file " + file + ": " + describeIo(e),
          e);
    }
    List<?> items = json instanceof List<?> list ? list : List.of(json == null ? "null" : json);
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> map)) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            file + ": a model file holds a model JSON object or an array of them");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> model = (Map<String, Object>) map;
      try {
        dataSource.define(ModelDefinition.fromMap(model));
      } catch (ConnectorException e) {
        throw new ConnectorException(e.code(), file + ": " + e.getMessage(), e.details(), e);
      }
    }
  }

  private static String describeIo(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException json
        ? "not valid JSON: " + Json.describe(json)
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The version from the jar manifest; "dev" when running from classes. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"connectorkit " + version()};
    }
  }

  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }
}
