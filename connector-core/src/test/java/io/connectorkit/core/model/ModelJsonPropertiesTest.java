package io.connectorkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trip of generated model JSON through {@link ModelJson} (jqwik). */
class ModelJsonPropertiesTest {
  private static final Map<String, Object> DEFAULTS =
      Map.of(
          "string", "x",
          "String", 5,
          "number", "2.5",
          "boolean", "1",
          "date", "1942-06-18T01:02:03.456+01:00",
          "buffer", "aGk=",
          "object", Map.of("a", List.of(1, 2.0)),
          "any", List.of("x"));

  @Property
  void readWriteReadIsTheIdentity(@ForAll("models") Map<String, Object> json) {
    ModelDefinition model = ModelJson.read(json);
    Map<String, Object> written = ModelJson.write(model);
    assertThat(ModelJson.read(written)).isEqualTo(model);
    assertThat(ModelJson.write(ModelJson.read(written))).isEqualTo(written);
  }

  @Provide
  Arbitrary<Map<String, Object>> models() {
    Arbitrary<Map<String, Object>> property =
        Combinators.combine(
                Arbitraries.of(DEFAULTS.keySet()),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.of(0, 1, 2),
                Arbitraries.integers().between(-1, 50),
                Arbitraries.of("mysql", "mongodb", "none"))
            .as(
                (type, required, withDefault, hidden, index, length, connector) -> {
                  Map<String, Object> p = new LinkedHashMap<>();
                  p.put("type", type.equals("any") ? List.of("any") : type);
                  p.put("required", required);
                  if (withDefault) {
                    p.put("default", DEFAULTS.get(type));
                  }
                  if (hidden) {
                    p.put("hidden", true);
                  }
                  if (index > 0) {
                    p.put("index", index == 1 ? (Object) true : Map.of("unique", true));
                  }
                  if (length >= 0) {
                    p.put("length", length);
                  }
                  if (!connector.equals("none")) {
                    p.put(connector, Map.of("columnName", "c_" + length));
                  }
                  return p;
                });
    return Combinators.combine(
            property.list().ofMaxSize(6),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of("none", "true", "false"))
        .as(
            (properties, strict, withIndex, forceId) -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("name", "M");
              json.put("strict", strict);
              if (!forceId.equals("none")) {
                json.put("forceId", Boolean.parseBoolean(forceId));
              }
              Map<String, Object> props = new LinkedHashMap<>();
              props.put("id", Map.of("type", "number", "id", true, "generated", true));
              for (int i = 0; i < properties.size(); i++) {
                props.put("p" + i, properties.get(i));
              }
              json.put("properties", props);
              if (withIndex && properties.size() >= 2) {
                json.put("indexes", Map.of("ix", Map.of("p0", 1, "p1", -1, "unique", true)));
                json.put("hidden", List.of("p1"));
              }
              json.put("mysql", Map.of("table", "m"));
              return json;
            });
  }
}
