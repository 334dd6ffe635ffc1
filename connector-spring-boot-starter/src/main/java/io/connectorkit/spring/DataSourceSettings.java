package io.connectorkit.spring;

import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The datasource settings an application gives: LoopBack's datasource JSON from {@value #FILE}
 * (default {@value #DEFAULT_FILE}, skipped when absent), overridden key by key by {@code
 * connectorkit.datasources.<name>.*}. The JSON is read by core's {@link DataSources#parse}, with
 * {@code ${VAR}} and {@code ${VAR:-default}} resolved from Spring's environment.
 */
final class DataSourceSettings {
  static final String PREFIX = "connectorkit";
  static final String DATASOURCES = PREFIX + ".datasources";
  static final String FILE = PREFIX + ".datasources-file";
  static final String DEFAULT_FILE = "classpath:datasources.json";

  private DataSourceSettings() {}

  /** Settings by datasource name, in declaration order (the JSON file's first). */
  static Map<String, Map<String, Object>> read(Environment environment, ResourceLoader loader) {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>(fromFile(environment, loader));
    Binder.get(environment)
        .bind(DATASOURCES, Bindable.mapOf(String.class, Object.class))
        .orElse(Map.of())
        .forEach(
            (name, value) -> {
              if (!(value instanceof Map<?, ?> settings)) {
                throw new ConnectorException(
                    ErrorCode.CONFIGURATION_INVALID,
                    DATASOURCES + "." + name + " must be an object of settings, got " + value);
              }
              Map<String, Object> merged = new LinkedHashMap<>(byName.getOrDefault(name, Map.of()));
              merged.putAll(normalise(settings));
              byName.put(name, Collections.unmodifiableMap(merged));
            });
    return byName;
  }

  private static Map<String, Map<String, Object>> fromFile(
      Environment environment, ResourceLoader loader) {
    String location = environment.getProperty(FILE);
    Resource resource = loader.getResource(location == null ? DEFAULT_FILE : location);
    if (!resource.exists()) {
      if (location != null) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID, FILE + ": " + location + " does not exist");
      }
      return Map.of();
    }
    String json;
    try (InputStream in = resource.getInputStream()) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "cannot read " + resource.getDescription() + ": " + e,
          e);
    }
    try {
      return DataSources.parse(json, environment::getProperty);
    } catch (ConnectorException e) {
      throw new ConnectorException(
          e.code(), resource.getDescription() + ": " + e.getMessage(), e.details());
    }
  }

  /**
   * Spring binds a YAML list under a map as a map keyed {@code "0"}, {@code "1"}, …; datasource
   * JSON has lists there, so such maps become lists again.
   */
  private static Map<String, Object> normalise(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), normaliseValue(value)));
    return copy;
  }

  private static Object normaliseValue(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return value;
    }
    Map<String, Object> copy = normalise(map);
    for (int i = 0; i < copy.size(); i++) {
      if (!copy.containsKey(String.valueOf(i))) {
        return copy;
      }
    }
    if (copy.isEmpty()) {
      return copy;
    }
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      list.add(copy.get(String.valueOf(i)));
    }
    return list;
  }
}
