package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.Values;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * The template operations of a {@code rest} datasource ({@code "operations": [{"template": {...},
 * "functions": {"geocode": ["street", "city"]}}]}), each function invocable on every model of the
 * datasource.
 */
final class RestOperations {
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
          .build();

  /** A parameter of a function: {@code "name"} or {@code "name=default"}. */
  record Parameter(String name, @Nullable String defaultText) {}

  /** A named function bound to a template. */
  record Function(String name, List<Parameter> parameters, Map<String, Object> template) {}

  private final Map<String, Function> functions;

  private RestOperations(Map<String, Function> functions) {
    this.functions = functions;
  }

  boolean isEmpty() {
    return functions.isEmpty();
  }

  /**
   * Reads the {@code operations} setting.
   *
   * @throws ConnectorException CONFIGURATION_INVALID naming the bad part
   */
  static RestOperations parse(@Nullable Object setting) {
    Map<String, Function> functions = new LinkedHashMap<>();
    if (setting == null) {
      return new RestOperations(functions);
    }
    if (!(setting instanceof List<?> list)) {
      throw invalid("operations", "an array of {\"template\", \"functions\"}");
    }
    for (int i = 0; i < list.size(); i++) {
      String at = "operations[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> operation)) {
        throw invalid(at, "an object with \"template\" and \"functions\"");
      }
      if (!(operation.get("template") instanceof Map<?, ?> template)) {
        throw invalid(at + ".template", "an object");
      }
      if (!(operation.get("functions") instanceof Map<?, ?> declared)) {
        throw invalid(at + ".functions", "an object of function name to parameter names");
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      template.forEach((key, value) -> copy.put(String.valueOf(key), value));
      for (Map.Entry<?, ?> entry : declared.entrySet()) {
        String name = String.valueOf(entry.getKey());
        if (!(entry.getValue() instanceof List<?> specs)) {
          throw invalid(at + ".functions." + name, "an array of parameter names");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (Object spec : specs) {
          parameters.add(parameter(at + ".functions." + name, spec));
        }
        if (functions.putIfAbsent(name, new Function(name, parameters, copy)) != null) {
          throw invalid(at + ".functions." + name, "unique (it is declared twice)");
        }
      }
    }
    return new RestOperations(functions);
  }

  private static Parameter parameter(String at, Object spec) {
    if (spec instanceof Map<?, ?> map && map.get("name") instanceof String name) {
      return new Parameter(name, null);
    }
    if (!(spec instanceof String text) || text.isBlank()) {
      throw invalid(at, "parameter names (\"name\" or \"name=default\")");
    }
    int eq = text.indexOf('=');
    return eq < 0
        ? new Parameter(text.trim(), null)
        : new Parameter(text.substring(0, eq).trim(), text.substring(eq + 1));
  }

  private static ConnectorException invalid(String key, String expected) {
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID, "setting \"" + key + "\" must be " + expected);
  }

  /**
   * Builds the request of one invocation.
   *
   * @throws ConnectorException INVALID_ARGUMENT for an unknown operation or argument, a missing
   *     required variable, or a value of the wrong type
   */
  Call prepare(String name, Map<String, Object> args, HttpUrl baseUrl) {
    Function function = functions.get(name);
    if (function == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "no operation `" + name + "`; operations: " + String.join(", ", functions.keySet()));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    for (Parameter parameter : function.parameters()) {
      Object value = args.get(parameter.name());
      variables.put(parameter.name(), value == null ? parameter.defaultText() : value);
    }
    for (String arg : args.keySet()) {
      if (function.parameters().stream().noneMatch(p -> p.name().equals(arg))) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "operation "
                + name
                + " has no parameter `"
                + arg
                + "` (parameters: "
                + String.join(", ", function.parameters().stream().map(Parameter::name).toList())
                + ")");
      }
    }
    Template template = new Template(name, variables);
    Map<String, Object> spec = function.template();
    String method =
        String.valueOf(spec.get("method") == null ? "GET" : template.expand(spec.get("method")))
            .toUpperCase(Locale.ROOT);
    Object url = spec.get("url") == null ? null : template.expand(spec.get("url"));
    HttpUrl resolved =
        url == null || Template.text(url).isEmpty() ? baseUrl : baseUrl.resolve(Template.text(url));
    if (resolved == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "operation " + name + ": the url is not a valid URL: " + Values.show(url));
    }
    HttpUrl.Builder urlBuilder = resolved.newBuilder();
    if (spec.get("query") != null) {
      Object query = template.expand(spec.get("query"));
      if (query instanceof Map<?, ?> map) {
        map.forEach((key, value) -> addQuery(urlBuilder, String.valueOf(key), value));
      }
    }
    Request.Builder request = new Request.Builder().url(urlBuilder.build());
    String contentType = null;
    if (spec.get("headers") != null
        && template.expand(spec.get("headers")) instanceof Map<?, ?> h) {
      for (Map.Entry<?, ?> header : h.entrySet()) {
        // Headers without a value are left out, as LoopBack does.
        if (header.getValue() != null) {
          String headerName = String.valueOf(header.getKey());
          String value = Template.text(header.getValue());
          request.header(headerName, value);
          if (headerName.equalsIgnoreCase("Content-Type")) {
            contentType = value;
          }
        }
      }
    }
    Object body = spec.get("body") == null ? null : template.expand(spec.get("body"));
    RequestBody requestBody = null;
    if (body != null && !method.equals("GET") && !method.equals("HEAD")) {
      boolean json = contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
      requestBody =
          json || !(body instanceof String)
              ? RequestBody.create(Json.write(body), RestConnector.JSON)
              : RequestBody.create((String) body, MediaType.parse(contentType));
    } else if (requiresBody(method)) {
      requestBody = RequestBody.create(new byte[0], null);
    }
    request.method(method, requestBody);
    String responsePath =
        spec.get("responsePath") == null ? null : Template.text(spec.get("responsePath"));
    return new Call(name, request.build(), responsePath);
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST")
        || method.equals("PUT")
        || method.equals("PATCH")
        || method.equals("PROPPATCH")
        || method.equals("REPORT");
  }

  private static void addQuery(HttpUrl.Builder url, String key, Object value) {
    // A parameter without a value is left out, as LoopBack does; an array repeats the key.
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      list.forEach(item -> addQuery(url, key, item));
      return;
    }
    url.addQueryParameter(key, Template.text(value));
  }

  /** One prepared invocation. */
  static final class Call {
    private final String name;
    private final Request request;
    private final @Nullable String responsePath;

    Call(String name, Request request, @Nullable String responsePath) {
      this.name = requireNonNull(name, "name is null");
      this.request = requireNonNull(request, "request is null");
      this.responsePath = responsePath;
    }

    Request request() {
      return request;
    }

    /**
     * The result of a successful response: the JSON body, or the list of matches of {@code
     * responsePath} (a JSONPath; LoopBack likewise always answers an array of matches), or the text
     * of a non-JSON body; null for an empty body.
     */
    @Nullable Object result(RestResponse response) {
      String body = response.body();
      if (body.isEmpty()) {
        return null;
      }
      String type = response.contentType();
      boolean json = type == null || type.toLowerCase(Locale.ROOT).contains("json");
      if (!json) {
        return body;
      }
      Object parsed;
      try {
        parsed = Json.read(body);
      } catch (IOException e) {
        throw HttpErrors.badBody(response, "a JSON body (it is not complete JSON)");
      }
      if (responsePath == null) {
        return parsed;
      }
      try {
        Object matches = JsonPath.using(JSON_PATH).parse(parsed).read(responsePath);
        return Values.normalize(matches == null ? List.of() : matches);
      } catch (InvalidPathException e) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "operation "
                + name
                + ": responsePath "
                + responsePath
                + " is not a JSONPath: "
                + e.getMessage(),
            e);
      }
    }
  }
}
