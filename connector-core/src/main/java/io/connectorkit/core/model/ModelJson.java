package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes model JSON (C1.2).
 *
 * <p>Decisions where the contract is silent:
 *
 * <ul>
 *   <li>A property object must have a {@code type}; an id property is no exception.
 *   <li>{@code "id"} is {@code true}, {@code false} or an integer ≥ 1; two id properties may not
 *       share a position ({@code true} is position 1), so a composite id is ordered unambiguously.
 *   <li>{@code defaultFn: "now"} needs a {@code date} property; {@code uuid}, {@code uuidv4} and
 *       {@code guid} need a {@code string} or {@code any} property; {@code default} and {@code
 *       defaultFn} together are refused.
 *   <li>{@code length} is an integer ≥ 0 on any type (discovered schemas put it on buffers too);
 *       validation enforces it on strings only.
 *   <li>{@code strict}, {@code idInjection}, {@code strictDelete}, {@code forceId} are booleans
 *       only (LoopBack's {@code "filter"}, {@code "throw"}, {@code "auto"} are refused); a JSON
 *       {@code null} is the same as absent.
 *   <li>Index keys are {@code 1} or {@code -1}. A key names a declared property, or {@code id} when
 *       the id is injected (no id declared and {@code idInjection} on).
 *   <li>Relation type names are case-insensitive; relation keys other than {@code type}, {@code
 *       model}, {@code foreignKey}, {@code primaryKey}, {@code through}, {@code keyThrough} are
 *       ignored.
 * </ul>
 *
 * <p>The reading is {@link ModelJsonReader}, the writing {@link ModelJsonWriter}.
 *
 * <p>Round trip: {@link PropertyDefinition#settings()} keeps the property's raw JSON; {@link
 * #write} starts from it and replaces a structured key only when the raw value no longer means what
 * the definition says, so {@code read(write(read(json)))} equals {@code read(json)}.
 */
final class ModelJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ModelJson() {}

  static ModelDefinition read(String json) {
    requireNonNull(json, "json is null");
    Object parsed;
    try {
      parsed = MAPPER.readValue(json, new TypeReference<Object>() {});
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String where =
          location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "model JSON: malformed JSON" + where + ": " + e.getOriginalMessage(),
          e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw ModelJsonReader.invalid(
          "model JSON: expected an object, got " + ModelJsonReader.describe(parsed));
    }
    return read(ModelJsonReader.stringKeys(map));
  }

  static ModelDefinition read(Map<String, ?> json) {
    requireNonNull(json, "json is null");
    ModelDefinition model = new ModelJsonReader(withOptionsLifted(json)).read();
    LoopBackRules.rules(model); // a bad "validations" entry fails here, not on the first write
    LoopBackRules.warnUnimplemented(model);
    return model;
  }

  /**
   * LoopBack 3 lets model settings stand under {@code "options"} (its discovery writes the {@code
   * mysql}/{@code postgresql} mappings there): they are read as top-level settings (C1.2); a key
   * set at both levels keeps its top-level value.
   */
  private static Map<String, ?> withOptionsLifted(Map<String, ?> json) {
    // LoopBack 4's model definition (ModelDefinitionSyntax) keeps them under "settings".
    String block = json.containsKey("options") ? "options" : "settings";
    Object options = json.get(block);
    if (options == null) {
      return json;
    }
    if (!(options instanceof Map<?, ?> map)) {
      String model = json.get("name") instanceof String name ? name : "JSON";
      throw ModelJsonReader.invalid(
          "model "
              + model
              + ": \"options\" must be an object, got "
              + ModelJsonReader.describe(options));
    }
    Map<String, Object> lifted = new LinkedHashMap<>(ModelJsonReader.stringKeys(map));
    json.forEach(
        (key, value) -> {
          if (!key.equals(block)) {
            lifted.put(key, value);
          }
        });
    return lifted;
  }

  static Map<String, Object> write(ModelDefinition model) {
    return ModelJsonWriter.write(model);
  }
}
