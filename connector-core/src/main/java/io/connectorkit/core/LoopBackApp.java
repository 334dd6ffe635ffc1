package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a LoopBack 3 application's layout (docs/contract.md C1.1, C1.2): {@code
 * server/datasources.json}, {@code server/model-config.json} and the model JSON files of its {@code
 * _meta.sources} (default {@code ../common/models} and {@code ./models}, relative to {@code
 * server/}). Used by {@link DataSources#loadApp}.
 */
final class LoopBackApp {
  private static final Logger LOG = LoggerFactory.getLogger(LoopBackApp.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** LoopBack's built-in models, which live in the loopback package, not in the app. */
  private static final Set<String> BUILT_IN_MODELS =
      Set.of(
          "User",
          "AccessToken",
          "ACL",
          "RoleMapping",
          "Role",
          "Application",
          "Email",
          "Change",
          "Checkpoint",
          "Scope",
          "UserCredential",
          "UserIdentity",
          "KeyValueModel");

  private LoopBackApp() {}

  /**
   * The {@code server} folder of an app: {@code app/server} when it holds {@code model-config.json}
   * or {@code datasources.json}, else {@code app} itself.
   */
  static Path serverDir(Path app) {
    Path server = app.resolve("server");
    return Files.isRegularFile(server.resolve("model-config.json"))
            || Files.isRegularFile(server.resolve("datasources.json"))
        ? server
        : app;
  }

  /** The app's datasources file. */
  static Path dataSourcesFile(Path app) {
    return serverDir(app).resolve("datasources.json");
  }

  /** The datasources, linked to each other, each with the models model-config attaches to it. */
  static Map<String, DataSource> load(
      Path app, ConnectorRegistry registry, Function<String, String> environment) {
    requireNonNull(app, "app is null");
    Path server = serverDir(app);
    Path datasourcesFile = server.resolve("datasources.json");
    if (!Files.isRegularFile(datasourcesFile)) {
      throw invalid(app + " is not a LoopBack 3 app: it has no server/datasources.json");
    }
    Map<String, DataSource> dataSources = new LinkedHashMap<>();
    try {
      mergedSettings(server, environment)
          .forEach(
              (name, settings) ->
                  dataSources.put(name, DataSources.create(name, settings, registry)));
      List<DataSource> all = new ArrayList<>(dataSources.values());
      for (int i = 0; i < all.size(); i++) {
        for (int j = i + 1; j < all.size(); j++) {
          all.get(i).link(all.get(j));
        }
      }
      Path modelConfigFile = server.resolve("model-config.json");
      if (Files.isRegularFile(modelConfigFile)) {
        defineModels(modelConfigFile, dataSources);
      }
      return dataSources;
    } catch (RuntimeException e) {
      dataSources.values().forEach(DataSource::close);
      throw e;
    }
  }

  /**
   * {@code datasources.json}, overlaid as LoopBack 3's boot does: by {@code
   * datasources.local.json}, then {@code datasources.<NODE_ENV>.json}, each key of a datasource
   * replacing the one before.
   */
  private static Map<String, Map<String, Object>> mergedSettings(
      Path server, Function<String, String> environment) {
    Map<String, Map<String, Object>> merged = read(server.resolve("datasources.json"), environment);
    List<Path> overlays = new ArrayList<>(List.of(server.resolve("datasources.local.json")));
    String env = environment.apply("NODE_ENV");
    if (env != null && !env.isBlank()) {
      overlays.add(server.resolve("datasources." + env + ".json"));
    }
    for (Path overlay : overlays) {
      if (Files.isRegularFile(overlay)) {
        read(overlay, environment)
            .forEach(
                (name, settings) ->
                    merged.computeIfAbsent(name, key -> new LinkedHashMap<>()).putAll(settings));
      }
    }
    return merged;
  }

  private static Map<String, Map<String, Object>> read(
      Path file, Function<String, String> environment) {
    try {
      Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
      DataSources.parse(Files.readString(file), environment)
          .forEach((name, values) -> settings.put(name, new LinkedHashMap<>(values)));
      return settings;
    } catch (IOException e) {
      throw invalid("cannot read datasource file " + file + ": " + e);
    } catch (ConnectorException e) {
      throw new ConnectorException(e.code(), file + ": " + e.getMessage(), e.details(), e);
    }
  }

  private static void defineModels(Path modelConfigFile, Map<String, DataSource> dataSources) {
    Map<String, Object> config = readObject(modelConfigFile);
    Map<String, Map<String, Object>> models = modelFiles(sources(config, modelConfigFile));
    for (Map.Entry<String, Object> entry : config.entrySet()) {
      String name = entry.getKey();
      if (name.startsWith("_")) {
        continue;
      }
      if (!(entry.getValue() instanceof Map<?, ?> modelConfig)) {
        throw invalid(modelConfigFile + ": \"" + name + "\" must be an object");
      }
      Object dataSourceName = modelConfig.get("dataSource");
      if (dataSourceName == null) {
        continue; // LoopBack: a model without a datasource is not attached
      }
      Map<String, Object> json = models.get(name);
      if (json == null) {
        if (BUILT_IN_MODELS.contains(name)) {
          LOG.warn(
              "{}: model {} is LoopBack's built-in model; ConnectorKit does not ship it, so it is"
                  + " not defined (put its JSON in a models directory to use it)",
              modelConfigFile,
              name);
          continue;
        }
        throw invalid(
            modelConfigFile
                + ": model \""
                + name
                + "\" has no model JSON file in the sources "
                + sources(config, modelConfigFile));
      }
      DataSource dataSource = dataSources.get(String.valueOf(dataSourceName));
      if (dataSource == null) {
        throw invalid(
            modelConfigFile
                + ": model \""
                + name
                + "\" names datasource \""
                + dataSourceName
                + "\", which datasources.json lacks; it has "
                + dataSources.keySet());
      }
      try {
        dataSource.define(ModelDefinition.fromMap(json));
      } catch (ConnectorException e) {
        throw new ConnectorException(
            e.code(), modelConfigFile + ": model " + name + ": " + e.getMessage(), e.details(), e);
      }
    }
  }

  private static List<Path> sources(Map<String, Object> config, Path modelConfigFile) {
    List<Path> sources = new ArrayList<>();
    Object meta = config.get("_meta");
    Object raw =
        meta instanceof Map<?, ?> map && map.get("sources") != null
            ? map.get("sources")
            : List.of("../common/models", "./models");
    if (!(raw instanceof List<?> list)) {
      throw invalid(modelConfigFile + ": \"_meta.sources\" must be an array of directories");
    }
    // A bare file name has no parent: its sources are relative to the working directory.
    Path parent = modelConfigFile.getParent();
    Path server = parent == null ? Path.of("") : parent;
    for (Object source : list) {
      String text = String.valueOf(source);
      if (text.startsWith("loopback/")) {
        continue; // the loopback package's own models
      }
      sources.add(server.resolve(text).normalize());
    }
    return sources;
  }

  /** Every model JSON of the source directories, by model name; the first source wins. */
  private static Map<String, Map<String, Object>> modelFiles(List<Path> sources) {
    Map<String, Map<String, Object>> models = new LinkedHashMap<>();
    for (Path source : sources) {
      if (!Files.isDirectory(source)) {
        continue;
      }
      for (Path file : jsonFiles(source)) {
        Map<String, Object> json = readObject(file);
        if (json.get("name") instanceof String name) {
          models.putIfAbsent(name, json);
        }
      }
    }
    return models;
  }

  /**
   * The {@code .json} files of a directory, by name.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} when it cannot be listed
   */
  static List<Path> jsonFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw invalid("cannot list model directory " + directory + ": " + e);
    }
  }

  private static Map<String, Object> readObject(Path file) {
    try {
      Map<String, Object> json =
          JSON.readValue(
              Files.readString(file), new TypeReference<LinkedHashMap<String, Object>>() {});
      if (json == null) {
        throw invalid(file + " is empty");
      }
      return json;
    } catch (JsonProcessingException e) {
      throw invalid(file + " is not a JSON object: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("cannot read " + file + ": " + e);
    }
  }

  private static ConnectorException invalid(String message) {
    return new ConnectorException(ErrorCode.CONFIGURATION_INVALID, message);
  }
}
