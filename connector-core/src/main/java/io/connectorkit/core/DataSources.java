package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Creates datasources from settings or from datasource JSON (CONTRACT C1.1): {@code ${VAR}} and
 * {@code ${VAR:-default}} substitution, validation naming the key, secret masking.
 *
 * <p>Datasource JSON is either LoopBack's {@code datasources.json} (an object of named datasource
 * objects) or a single datasource object (LoopBack 4's {@code db.datasource.json}), recognised by
 * its {@code "connector"} key. Where a file is expected, a folder means the {@code
 * server/datasources.json} of the LoopBack 3 app it is; {@link #loadApp} also defines the app's
 * models.
 */
public final class DataSources {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(:-([^}]*))?}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DataSources() {}

  /**
   * A datasource from settings, with the connectors that {@code ServiceLoader} finds.
   *
   * @param name the datasource name, never null
   * @param settings must hold {@code "connector"}; never null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} naming the bad key
   */
  public static DataSource create(String name, Map<String, ?> settings) {
    return create(name, settings, ConnectorRegistry.load());
  }

  /** A datasource from settings, with the connectors of {@code registry}. */
  public static DataSource create(
      String name, Map<String, ?> settings, ConnectorRegistry registry) {
    requireNonNull(name, "name is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(registry, "registry is null");
    Object connectorName = settings.get("connector");
    if (!(connectorName instanceof String connector) || connector.isBlank()) {
      throw invalid(
          name,
          connectorName == null
              ? "setting \"connector\" is required; available: "
                  + String.join(", ", registry.names())
              : "setting \"connector\" must be a connector name, got " + connectorName);
    }
    ConnectorFactory factory = registry.find(connector);
    Settings validated = Settings.of(settings).withSecretKeys(factory.secretSettings());
    validateCommonSettings(name, validated);
    Connector instance;
    try {
      instance = factory.initialize(validated);
    } catch (ConnectorException e) {
      throw e.code() == ErrorCode.CONFIGURATION_INVALID
          ? new ConnectorException(
              e.code(), "datasource \"" + name + "\": " + e.getMessage(), e.details(), e.getCause())
          : e;
    }
    DataSource dataSource = new DataSource(name, requireNonNull(instance, "connector is null"));
    if (!validated.bool("lazyConnect", false)) {
      dataSource.connect();
    }
    return dataSource;
  }

  /** Every datasource of a datasource JSON file, variables substituted from the environment. */
  public static Map<String, DataSource> load(Path file) {
    return load(file, ConnectorRegistry.load(), System::getenv);
  }

  /** The datasource named {@code name} (or the only one, when it is null) of a datasource file. */
  public static DataSource load(Path file, @Nullable String name) {
    return load(file, name, ConnectorRegistry.load(), System::getenv);
  }

  /**
   * The datasource named {@code name} (or the only one, when {@code name} is null) of a file.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} when it is not there
   */
  public static DataSource load(
      Path file,
      @Nullable String name,
      ConnectorRegistry registry,
      Function<String, String> environment) {
    Map<String, Map<String, Object>> settings = readSettings(file, environment);
    String chosen = name;
    if (chosen == null) {
      if (settings.size() != 1) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            file
                + " defines "
                + settings.size()
                + " datasources "
                + settings.keySet()
                + "; choose one by name");
      }
      chosen = settings.keySet().iterator().next();
    }
    Map<String, Object> one = settings.get(chosen);
    if (one == null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          file + " has no datasource \"" + chosen + "\"; it has " + settings.keySet());
    }
    return create(chosen, one, registry);
  }

  /**
   * A LoopBack 3 application: the datasources of {@code server/datasources.json}, linked to each
   * other ({@link DataSource#link}), each with the models {@code server/model-config.json} attaches
   * to it, read from the model JSON files of its {@code _meta.sources} (default {@code
   * ../common/models} and {@code ./models}). A model whose {@code dataSource} is null is not
   * defined; LoopBack's built-in models ({@code User}, {@code AccessToken}, …) are defined only
   * when the app has their JSON, else logged at WARN and skipped.
   *
   * @param app the app's root folder (holding {@code server/}) or its {@code server/} folder
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} naming the file and model
   *     that is wrong, e.g. a model without a JSON file or an unknown datasource; the datasources
   *     already opened are closed
   */
  public static Map<String, DataSource> loadApp(Path app) {
    return loadApp(app, ConnectorRegistry.load(), System::getenv);
  }

  /** {@link #loadApp(Path)} with the given connectors and environment; none may be null. */
  public static Map<String, DataSource> loadApp(
      Path app, ConnectorRegistry registry, Function<String, String> environment) {
    requireNonNull(registry, "registry is null");
    requireNonNull(environment, "environment is null");
    return LoopBackApp.load(app, registry, environment);
  }

  /**
   * The datasource JSON file of a path: the path itself, or for a folder, the {@code
   * datasources.json} of the LoopBack 3 app it is (or whose {@code server/} folder it is).
   *
   * @param path never null
   * @return never null; it may not exist
   */
  public static Path dataSourcesFile(Path path) {
    requireNonNull(path, "path is null");
    return Files.isDirectory(path) ? LoopBackApp.dataSourcesFile(path) : path;
  }

  /** Every datasource of a datasource JSON file. */
  public static Map<String, DataSource> load(
      Path file, ConnectorRegistry registry, Function<String, String> environment) {
    Map<String, DataSource> dataSources = new LinkedHashMap<>();
    readSettings(file, environment)
        .forEach((name, settings) -> dataSources.put(name, create(name, settings, registry)));
    return Collections.unmodifiableMap(dataSources);
  }

  /**
   * The datasource settings of datasource JSON text, by name, with variables substituted.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for malformed JSON or a
   *     missing variable
   */
  public static Map<String, Map<String, Object>> parse(
      String json, Function<String, String> environment) {
    requireNonNull(json, "json is null");
    requireNonNull(environment, "environment is null");
    Map<String, Object> root;
    try {
      root = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "datasource JSON is malformed: " + e.getOriginalMessage() + location(e));
    }
    if (root == null) {
      throw new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "datasource JSON is empty");
    }
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    if (root.get("connector") instanceof String) {
      Object name = root.getOrDefault("name", "default");
      byName.put(String.valueOf(name), castSettings("datasource", root, environment));
      return byName;
    }
    root.forEach(
        (name, value) -> {
          if (!(value instanceof Map<?, ?> map)) {
            throw new ConnectorException(
                ErrorCode.CONFIGURATION_INVALID,
                "datasource \"" + name + "\" must be an object of settings");
          }
          byName.put(name, castSettings(name, map, environment));
        });
    return byName;
  }

  private static Map<String, Map<String, Object>> readSettings(
      Path path, Function<String, String> environment) {
    requireNonNull(path, "file is null");
    Path file = dataSourcesFile(path);
    String json;
    try {
      json = Files.readString(file);
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID, "cannot read datasource file " + file + ": " + e, e);
    }
    try {
      return parse(json, environment);
    } catch (ConnectorException e) {
      throw new ConnectorException(e.code(), file + ": " + e.getMessage(), e.details());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castSettings(
      String name, Map<?, ?> settings, Function<String, String> environment) {
    return (Map<String, Object>) substitute(name, settings, environment);
  }

  /** Replaces {@code ${VAR}} and {@code ${VAR:-default}} in every string of a settings tree. */
  static Object substitute(String dataSource, Object value, Function<String, String> environment) {
    if (value instanceof String text) {
      return substituteText(dataSource, text, environment);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (key, item) -> copy.put(String.valueOf(key), substitute(dataSource, item, environment)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(substitute(dataSource, item, environment)));
      return copy;
    }
    return value;
  }

  private static String substituteText(
      String dataSource, String text, Function<String, String> environment) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1);
      String value = environment.apply(variable);
      if (value == null) {
        value = matcher.group(2) == null ? null : matcher.group(3);
      }
      if (value == null) {
        throw invalid(
            dataSource,
            "environment variable "
                + variable
                + " is not set and ${"
                + variable
                + "} has no default");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static void validateCommonSettings(String name, Settings settings) {
    try {
      settings.bool("lazyConnect", false);
      settings.string("name");
      settings
          .number("port")
          .filter(port -> port < 0 || port > 65535)
          .ifPresent(
              port -> {
                throw new ConnectorException(
                    ErrorCode.CONFIGURATION_INVALID,
                    "setting \"port\" must be between 0 and 65535, got " + port);
              });
    } catch (ConnectorException e) {
      throw invalid(name, e.getMessage());
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static ConnectorException invalid(String dataSource, @Nullable String message) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID, "datasource \"" + dataSource + "\": " + message);
  }
}
