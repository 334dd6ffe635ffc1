package io.connectorkit.cli;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connector for the pass-through operations (execute, invoke, discovery): it echoes its
 * arguments, so tests see exactly what the CLI handed over and how results are rendered.
 */
public final class EchoConnectorFactory implements ConnectorFactory {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public Connector initialize(Settings settings) {
    return new EchoConnector(settings);
  }

  static final class EchoConnector extends Connector {
    EchoConnector(Settings settings) {
      super("echo", settings);
    }

    @Override
    public Set<Feature> features() {
      return Set.of(Feature.EXECUTE, Feature.OPERATIONS, Feature.DISCOVERY);
    }

    @Override
    public boolean ping() {
      if (settings().bool("failPing", false)) {
        throw new ConnectorException(ErrorCode.CONNECTION_FAILED, "echo is unreachable");
      }
      return super.ping();
    }

    @Override
    public Object execute(String command, List<Object> params, Options options) {
      switch (command) {
        case "bug" -> throw new IllegalStateException("echo connector bug");
        case "fail" ->
            throw new ConnectorException(
                ErrorCode.BACKEND_ERROR,
                "backend said no",
                Map.of("zeta", 1, "alpha", Map.of("y", 2, "b", 3)));
        case "values" -> {
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("date", Instant.parse("1980-12-08T00:00:00Z"));
          values.put("precise", Instant.parse("2024-02-29T13:14:15.678901Z"));
          values.put("buffer", "hello".getBytes(StandardCharsets.UTF_8));
          values.put("long", 9007199254740993L);
          values.put("double", 1.5);
          values.put("null", null);
          return values;
        }
        default -> {
          Map<String, Object> echo = new LinkedHashMap<>();
          echo.put("command", command);
          echo.put("params", params);
          echo.put("tx", options.transaction() != null);
          return echo;
        }
      }
    }

    @Override
    public Object invoke(
        ModelDefinition model, String method, Map<String, Object> args, Options options) {
      Map<String, Object> echo = new LinkedHashMap<>();
      echo.put("model", model.name());
      echo.put("method", method);
      echo.put("args", args);
      return echo;
    }

    @Override
    public List<Map<String, Object>> discoverModelDefinitions(Map<String, Object> options) {
      return List.of(Map.of("name", "people", "type", "table", "options", options));
    }

    @Override
    public Map<String, Object> discoverSchemas(String table, Map<String, Object> options) {
      return Map.of("name", table, "options", options);
    }
  }
}
