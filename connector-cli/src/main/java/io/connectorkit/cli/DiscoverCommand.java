package io.connectorkit.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.connectorkit.codegen.ModelSetDiscovery;
import io.connectorkit.codegen.RecordGenerator;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.model.ModelDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code connectorkit discover}: turns a datasource's existing tables and views into a model set
 * (model JSON, C1.2, relations included: {@link ModelSetDiscovery}) that {@code define} accepts as
 * is, and optionally into Java records ({@link RecordGenerator}). Needs a connector with the {@code
 * DISCOVERY} feature.
 */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = {
      "Discovers model JSON from a datasource's tables (feature DISCOVERY).",
      "Without --out: one table's model JSON, or a JSON array of every table's, on standard output.",
      "With --out DIR: one <Model>.json file per table; with --java PACKAGE also one Java record per"
          + " model in DIR/<package path>/<Model>.java."
    })
final class DiscoverCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;
  private final Function<String, String> environment;

  // Injected by picocli before call().
  @Spec private CommandLine.Model.@Nullable CommandSpec spec;

  @CommandLine.Mixin Main.DataSourceOptions dataSourceOptions = new Main.DataSourceOptions();

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "Discover this table only (default: every table of the schema).")
  @Nullable String table;

  @Option(
      names = "--owner",
      paramLabel = "SCHEMA",
      description = "The schema (owner) to read; default: the datasource's own.")
  @Nullable String owner;

  @Option(
      names = "--list",
      description = "Only list the tables ({name, type, owner} each) as a JSON array.")
  boolean list;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write <Model>.json files into this directory (created if absent).")
  @Nullable Path outDir;

  @Option(
      names = "--keep-names",
      description =
          "Keep table and column names as model and property names (default: LoopBack's"
              + " PascalCase models and camelCase properties, with columnName mappings).")
  boolean keepNames;

  @Option(
      names = "--java",
      paramLabel = "PACKAGE",
      description = "Also write a Java record per model, in this package (needs --out).")
  @Nullable String javaPackage;

  DiscoverCommand(PrintStream out, PrintStream err, Function<String, String> environment) {
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.environment = requireNonNull(environment, "environment is null");
  }

  @Override
  public Integer call() {
    CommandLine commandLine = requireNonNull(spec, "spec is null").commandLine();
    if (javaPackage != null && outDir == null) {
      throw new CommandLine.ParameterException(commandLine, "--java needs --out DIR");
    }
    if (javaPackage != null && !RecordGenerator.isPackageName(javaPackage)) {
      throw new CommandLine.ParameterException(
          commandLine, "--java: not a Java package name: " + javaPackage);
    }
    if (list && (table != null || outDir != null || javaPackage != null)) {
      throw new CommandLine.ParameterException(
          commandLine, "--list cannot be combined with --table, --out or --java");
    }
    Map<String, Object> options = new LinkedHashMap<>();
    if (owner != null) {
      options.put("owner", owner);
    }
    if (keepNames) {
      options.put("keepNames", true);
    }
    try (DataSource dataSource = dataSourceOptions.load(environment)) {
      if (list) {
        print(
            Json.MAPPER.writerWithDefaultPrettyPrinter(),
            dataSource.discoverModelDefinitions(options));
        return CommandLine.ExitCode.OK;
      }
      List<Map<String, Object>> models =
          ModelSetDiscovery.discover(
              dataSource, options, table == null ? List.of() : List.of(table));
      Path dir = outDir;
      if (dir == null) {
        print(Json.MAPPER.writerWithDefaultPrettyPrinter(), table != null ? models.get(0) : models);
      } else {
        write(models, dir);
      }
      return CommandLine.ExitCode.OK;
    } catch (ConnectorException e) {
      err.println("connectorkit: " + e.code() + ": " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    } catch (IOException e) {
      err.println(
          "connectorkit: cannot write: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  private void print(ObjectWriter writer, Object value) throws IOException {
    out.println(writer.writeValueAsString(value));
    out.flush();
  }

  private void write(List<Map<String, Object>> models, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectWriter writer = Json.MAPPER.writerWithDefaultPrettyPrinter();
    List<ModelDefinition> definitions = new ArrayList<>();
    for (Map<String, Object> model : models) {
      String name = String.valueOf(model.get("name"));
      Path json = dir.resolve(fileName(name) + ".json");
      Files.writeString(json, writer.writeValueAsString(model) + "\n", StandardCharsets.UTF_8);
      out.println(json);
      definitions.add(ModelDefinition.fromMap(model));
    }
    if (javaPackage != null) {
      for (Path java : RecordGenerator.write(definitions, javaPackage, dir)) {
        out.println(java);
      }
    }
    out.flush();
  }

  /**
   * A file name from a model name: a table may be called anything, including {@code ../x}; only
   * letters, digits, {@code _}, {@code -} and inner dots are kept.
   */
  static String fileName(String modelName) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < modelName.length(); ) {
      int c = modelName.codePointAt(i);
      i += Character.charCount(c);
      boolean keep = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
      name.appendCodePoint(keep ? c : '_');
    }
    if (name.isEmpty() || name.charAt(0) == '.') {
      name.insert(0, '_');
    }
    return name.toString();
  }
}
