package io.connectorkit.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text and values on the wire: Java values of the SPI (Instant, byte[], Regexp …) to their
 * contract JSON forms (C2: ISO dates with milliseconds, base64 buffers, {@code "/pat/flags"}) and
 * back by the model's property types.
 */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private Json() {}

  /** A value in its JSON form: maps, lists, strings, numbers, booleans, null. */
  static Object toJsonValue(Object value) {
    if (value instanceof Instant instant) {
      return Values.formatDate(instant);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Regexp regexp) {
      return regexp.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), toJsonValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(toJsonValue(item)));
      return copy;
    }
    return value;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(toJsonValue(value));
    } catch (JsonProcessingException e) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text into maps, lists and scalars.
   *
   * @throws JsonProcessingException for anything but one complete JSON value
   */
  static Object read(String text) throws JsonProcessingException {
    return Values.normalize(MAPPER.readValue(text, Object.class));
  }

  /**
   * A row read from the server in the SPI's Java representation: each declared property coerced by
   * its type, undeclared (free-form) ones normalised.
   *
   * @throws ConnectorException BACKEND_ERROR when the server sent something that is not a row of
   *     this model
   */
  static Map<String, Object> row(ModelDefinition model, Object json, String what) {
    if (!(json instanceof Map<?, ?> map)) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR,
          what
              + ": expected a JSON object for model "
              + model.name()
              + ", got "
              + Values.show(json));
    }
    Map<String, Object> row = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          PropertyDefinition property = model.properties().get(name);
          if (property == null) {
            row.put(name, Values.normalize(value));
            return;
          }
          try {
            row.put(name, Values.coerce(value, property.type()));
          } catch (IllegalArgumentException e) {
            throw new ConnectorException(
                ErrorCode.BACKEND_ERROR,
                what + ": property `" + name + "` of model " + model.name() + ": " + e.getMessage(),
                e);
          }
        });
    return row;
  }
}
