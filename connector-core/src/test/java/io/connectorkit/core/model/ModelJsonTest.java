package io.connectorkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelJsonTest {
  /** The example of CONTRACT C1.2, minus its "hidden": ["password"] (no such property). */
  static final String PERSON =
      """
      {
        "name": "Person",
        "strict": true,
        "idInjection": true,
        "forceId": false,
        "properties": {
          "id":       { "type": "number", "id": true, "generated": true },
          "name":     { "type": "string", "required": true, "index": true, "length": 100 },
          "email":    { "type": "string", "index": { "unique": true } },
          "age":      "number",
          "birthday": { "type": "date" },
          "vip":      { "type": "boolean", "default": false },
          "address":  { "type": "object" },
          "tags":     { "type": ["string"] },
          "photo":    { "type": "buffer" },
          "createdAt":{ "type": "date", "defaultFn": "now" },
          "password": { "type": "string", "mysql": { "columnName": "pwd_hash" } }
        },
        "hidden": ["password"],
        "indexes": { "name_age": { "keys": { "name": 1, "age": -1 } } },
        "relations": { "orders": { "type": "hasMany", "model": "Order", "foreignKey": "personId" } },
        "mysql":   { "table": "people" },
        "mongodb": { "collection": "people" }
      }
      """;

  private static ModelDefinition read(String json) {
    return ModelJson.read(json);
  }

  /** Reads {"name": "Person", "properties": {PROPERTIES}, OTHER}. */
  private static ModelDefinition person(String properties, String other) {
    return read(
        "{\"name\": \"Person\", \"properties\": {"
            + properties
            + "}"
            + (other.isEmpty() ? "" : ", " + other)
            + "}");
  }

  private static void assertInvalid(String json, String message) {
    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> ModelJson.read(json));
    assertThat(e).as("no exception for %s", json).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e).hasMessage(message);
  }

  private static void assertPropertyInvalid(String properties, String message) {
    assertInvalid("{\"name\": \"Person\", \"properties\": {" + properties + "}}", message);
  }

  @Nested
  class TheContractExample {
    private final ModelDefinition person = read(PERSON);

    @Test
    void readsNameAndModelSettings() {
      assertThat(person.name()).isEqualTo("Person");
      assertThat(person.strict()).isTrue();
      assertThat(person.idInjection()).isTrue();
      assertThat(person.forceId()).isFalse();
      assertThat(person.strictDelete()).isFalse();
    }

    @Test
    void readsPropertiesInDeclarationOrder() {
      assertThat(person.properties().keySet())
          .containsExactly(
              "id",
              "name",
              "email",
              "age",
              "birthday",
              "vip",
              "address",
              "tags",
              "photo",
              "createdAt",
              "password");
    }

    @Test
    void readsEveryPropertyAttribute() {
      PropertyDefinition id = person.properties().get("id");
      assertThat(id.type()).isEqualTo(PropertyType.NUMBER);
      assertThat(id.idPosition()).isEqualTo(1);
      assertThat(id.generated()).isTrue();

      PropertyDefinition name = person.properties().get("name");
      assertThat(name.required()).isTrue();
      assertThat(name.length()).isEqualTo(100);

      assertThat(person.properties().get("age").type()).isEqualTo(PropertyType.NUMBER);
      assertThat(person.properties().get("vip").defaultValue()).isEqualTo(false);
      assertThat(person.properties().get("tags").type())
          .isEqualTo(PropertyType.arrayOf(PropertyType.STRING));
      assertThat(person.properties().get("photo").type()).isEqualTo(PropertyType.BUFFER);
      assertThat(person.properties().get("address").type()).isEqualTo(PropertyType.OBJECT);
      assertThat(person.properties().get("createdAt").defaultFn()).isEqualTo("now");
    }

    @Test
    void propertySettingsHoldTheRawJsonIncludingConnectorSections() {
      PropertyDefinition password = person.properties().get("password");
      assertThat(password.settings())
          .isEqualTo(Map.of("type", "string", "mysql", Map.of("columnName", "pwd_hash")));
      assertThat(password.connectorSettings("mysql")).containsEntry("columnName", "pwd_hash");
      assertThat(person.properties().get("age").settings()).isEqualTo(Map.of("type", "number"));
    }

    @Test
    void hiddenListHidesProperties() {
      assertThat(person.hiddenProperties()).containsExactly("password");
      assertThat(person.properties().get("password").hidden()).isTrue();
    }

    @Test
    void propertyAndModelIndexesAreRead() {
      assertThat(person.indexes())
          .containsExactly(
              new IndexDefinition("name", Map.of("name", 1), false),
              new IndexDefinition("email", Map.of("email", 1), true),
              new IndexDefinition("name_age", orderedKeys("name", 1, "age", -1), false));
      assertThat(person.indexes().get(2).keys().keySet()).containsExactly("name", "age");
    }

    @Test
    void relationsAreRead() {
      assertThat(person.relations())
          .containsExactly(
              Map.entry(
                  "orders",
                  new RelationDefinition(
                      "orders",
                      RelationDefinition.Type.HAS_MANY,
                      "Order",
                      "personId",
                      null,
                      null,
                      null)));
    }

    @Test
    void connectorSectionsStayInModelSettings() {
      assertThat(person.settings())
          .containsOnlyKeys("mysql", "mongodb")
          .containsEntry("mysql", Map.of("table", "people"));
      assertThat(person.connectorSettings("mongodb")).containsEntry("collection", "people");
    }

    @Test
    void roundTripsThroughWrite() {
      Map<String, Object> json = ModelJson.write(person);
      assertThat(ModelJson.read(json)).isEqualTo(person);
      assertThat(ModelJson.write(ModelJson.read(json))).isEqualTo(json);
    }

    @Test
    void writeProducesLoopBackModelJson() {
      Map<String, Object> json = person.toJson();
      assertThat(json).containsEntry("name", "Person").containsEntry("forceId", false);
      @SuppressWarnings("unchecked")
      Map<String, Object> properties = (Map<String, Object>) json.get("properties");
      assertThat(properties.keySet()).containsExactlyElementsOf(person.properties().keySet());
      assertThat(properties.get("email"))
          .isEqualTo(Map.of("type", "string", "index", Map.of("unique", true)));
      assertThat(json.get("hidden")).isEqualTo(List.of("password"));
      assertThat(json.get("indexes"))
          .isEqualTo(Map.of("name_age", Map.of("keys", Map.of("name", 1, "age", -1))));
      assertThat(json.get("relations"))
          .isEqualTo(
              Map.of(
                  "orders", Map.of("type", "hasMany", "model", "Order", "foreignKey", "personId")));
      assertThat(json).containsEntry("mysql", Map.of("table", "people"));
    }

    @Test
    void definitionIsImmutable() {
      Map<String, Object> mysql = person.properties().get("password").connectorSettings("mysql");
      assertThatThrownBy(() -> mysql.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> person.connectorSettings("mysql").put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readingParsedMapsEqualsReadingText() {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) (Map<?, ?>) person.toJson();
      assertThat(ModelDefinition.fromMap(parsed)).isEqualTo(ModelDefinition.fromJson(PERSON));
    }
  }

  @Nested
  class Types {
    @ParameterizedTest
    @ValueSource(strings = {"string", "String", "STRING", "sTrInG"})
    void typeNamesAreCaseInsensitive(String name) {
      assertThat(person("\"a\": \"" + name + "\"", "").properties().get("a").type())
          .isEqualTo(PropertyType.STRING);
    }

    @Test
    void everyTypeNameIsKnown() {
      ModelDefinition model =
          person(
              "\"s\": \"string\", \"n\": \"number\", \"b\": \"boolean\", \"d\": \"date\","
                  + " \"o\": \"object\", \"a\": \"array\", \"f\": \"buffer\", \"x\": \"any\"",
              "");
      assertThat(model.properties().values())
          .extracting(PropertyDefinition::type)
          .containsExactly(
              PropertyType.STRING,
              PropertyType.NUMBER,
              PropertyType.BOOLEAN,
              PropertyType.DATE,
              PropertyType.OBJECT,
              PropertyType.ARRAY,
              PropertyType.BUFFER,
              PropertyType.ANY);
    }

    @Test
    void arrayForms() {
      ModelDefinition model =
          person(
              "\"a\": [\"string\"], \"b\": {\"type\": []}, \"c\": {\"type\": \"array\"},"
                  + " \"d\": {\"type\": [[\"Number\"]]}",
              "");
      assertThat(model.properties().get("a").type())
          .isEqualTo(PropertyType.arrayOf(PropertyType.STRING));
      assertThat(model.properties().get("b").type()).isEqualTo(PropertyType.ARRAY);
      assertThat(model.properties().get("c").type()).isEqualTo(PropertyType.ARRAY);
      assertThat(model.properties().get("d").type())
          .isEqualTo(PropertyType.arrayOf(PropertyType.arrayOf(PropertyType.NUMBER)));
    }

    @Test
    void unknownTypeFailsNamingModelPropertyAndType() {
      assertPropertyInvalid(
          "\"age\": \"numbr\"", "model Person: property \"age\": unknown type \"numbr\"");
    }

    @Test
    void geoPointIsAnUnknownType() {
      assertPropertyInvalid(
          "\"loc\": {\"type\": \"GeoPoint\"}",
          "model Person: property \"loc\": unknown type \"GeoPoint\"");
    }

    @Test
    void arrayTypeWithTwoItemTypesFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": [\"string\", \"number\"]}",
          "model Person: property \"a\": unknown type [string, number]");
    }

    @Test
    void unknownItemTypeFails() {
      assertPropertyInvalid(
          "\"a\": [\"strin\"]", "model Person: property \"a\": unknown type \"strin\"");
    }

    @Test
    void embeddedObjectTypeFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": {\"street\": \"string\"}}",
          "model Person: property \"a\": unknown type an object");
    }

    @Test
    void missingTypeFails() {
      assertPropertyInvalid(
          "\"a\": {\"required\": true}", "model Person: property \"a\": \"type\" is required");
    }

    @Test
    void propertyThatIsNeitherTypeNorObjectFails() {
      assertPropertyInvalid(
          "\"a\": 5", "model Person: property \"a\": expected a type or an object, got 5");
    }
  }

  @Nested
  class Ids {
    @Test
    void compositeIdHasPositions() {
      ModelDefinition model =
          person(
              "\"b\": {\"type\": \"string\", \"id\": 2}, \"a\": {\"type\": \"number\", \"id\": 1},"
                  + " \"c\": \"string\"",
              "");
      assertThat(model.idProperties())
          .extracting(PropertyDefinition::name)
          .containsExactly("a", "b");
      assertThat(model.hasCompositeId()).isTrue();
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void idFalseIsNoId() {
      ModelDefinition model = person("\"a\": {\"type\": \"number\", \"id\": false}", "");
      assertThat(model.hasId()).isFalse();
    }

    @Test
    void duplicateIdPositionFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"number\", \"id\": true}, \"b\": {\"type\": \"number\", \"id\": 1}",
          "model Person: property \"b\": id position 1 is already taken by property \"a\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "\"yes\""})
    void invalidIdFails(String id) {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"number\", \"id\": " + id + "}",
          "model Person: property \"a\": \"id\" must be true, false or a position 1, 2, …, got "
              + id);
    }

    @Test
    void idInjectionAndForceIdDefaults() {
      ModelDefinition model = person("\"a\": \"string\"", "");
      assertThat(model.idInjection()).isTrue();
      assertThat(model.forceId()).isNull();
      assertThat(model.strict()).isTrue();
      assertThat(model.strictDelete()).isFalse();
    }
  }

  @Nested
  class PropertyAttributes {
    @Test
    void defaultIsCoercedByTheType() {
      ModelDefinition model =
          person(
              "\"n\": {\"type\": \"number\", \"default\": \"30\"},"
                  + " \"d\": {\"type\": \"date\", \"default\": \"1942-06-18\"},"
                  + " \"s\": {\"type\": \"string\", \"default\": 5},"
                  + " \"f\": {\"type\": \"buffer\", \"default\": \"aGk=\"},"
                  + " \"o\": {\"type\": \"object\", \"default\": {\"a\": 1}}",
              "");
      assertThat(model.properties().get("n").defaultValue()).isEqualTo(30L);
      assertThat(model.properties().get("d").defaultValue())
          .isEqualTo(Instant.parse("1942-06-18T00:00:00Z"));
      assertThat(model.properties().get("s").defaultValue()).isEqualTo("5");
      assertThat((byte[]) model.properties().get("f").defaultValue())
          .isEqualTo(new byte[] {104, 105});
      assertThat(model.properties().get("o").defaultValue()).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void defaultsRoundTripAsDateStringsAndBase64() {
      ModelDefinition model =
          person(
              "\"d\": {\"type\": \"date\", \"default\": 0},"
                  + " \"f\": {\"type\": \"buffer\", \"default\": \"aGk=\"}",
              "");
      ModelDefinition programmatic =
          new ModelDefinition(
              "Person",
              Map.of(
                  "d",
                  new PropertyDefinition(
                      "d",
                      PropertyType.DATE,
                      0,
                      false,
                      false,
                      Instant.EPOCH,
                      null,
                      null,
                      false,
                      Map.of())),
              true,
              true,
              null,
              false,
              List.of(),
              Map.of(),
              Map.of());
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
      @SuppressWarnings("unchecked")
      Map<String, Object> d =
          (Map<String, Object>)
              ((Map<String, Object>) programmatic.toJson().get("properties")).get("d");
      assertThat(d).containsEntry("default", "1970-01-01T00:00:00.000Z");
      PropertyDefinition buffer =
          new PropertyDefinition(
              "f",
              PropertyType.BUFFER,
              0,
              false,
              false,
              new byte[] {104, 105},
              null,
              null,
              false,
              Map.of());
      ModelDefinition withBuffer =
          new ModelDefinition(
              "Person",
              Map.of("f", buffer),
              true,
              true,
              null,
              false,
              List.of(),
              Map.of(),
              Map.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> f =
          (Map<String, Object>)
              ((Map<String, Object>) withBuffer.toJson().get("properties")).get("f");
      assertThat(f).containsEntry("default", "aGk=");
    }

    @Test
    void defaultThatDoesNotConvertFailsNamingModelPropertyAndValue() {
      assertPropertyInvalid(
          "\"age\": {\"type\": \"number\", \"default\": \"abc\"}",
          "model Person: property \"age\": invalid \"default\": cannot convert \"abc\" to number");
    }

    @Test
    void nullDefaultIsNoDefault() {
      ModelDefinition model = person("\"a\": {\"type\": \"number\", \"default\": null}", "");
      assertThat(model.properties().get("a").defaultValue()).isNull();
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uuid", "uuidv4", "guid"})
    void uuidDefaultFnsFitStrings(String fn) {
      ModelDefinition model =
          person("\"a\": {\"type\": \"string\", \"defaultFn\": \"" + fn + "\"}", "");
      assertThat(model.properties().get("a").defaultFn()).isEqualTo(fn);
    }

    @Test
    void unknownDefaultFnFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"defaultFn\": \"shortid\"}",
          "model Person: property \"a\": unknown \"defaultFn\" \"shortid\""
              + " (expected now, uuid, uuidv4 or guid)");
    }

    @Test
    void nowOnANonDateFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"defaultFn\": \"now\"}",
          "model Person: property \"a\": \"defaultFn\" \"now\" does not fit type string");
    }

    @Test
    void uuidOnANumberFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"number\", \"defaultFn\": \"uuid\"}",
          "model Person: property \"a\": \"defaultFn\" \"uuid\" does not fit type number");
    }

    @Test
    void defaultAndDefaultFnTogetherFail() {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"date\", \"default\": 0, \"defaultFn\": \"now\"}",
          "model Person: property \"a\": \"default\" and \"defaultFn\" are exclusive");
    }

    @Test
    void nonBooleanFlagFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"required\": \"yes\"}",
          "model Person: property \"a\": \"required\" must be a boolean, got \"yes\"");
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"generated\": 1}",
          "model Person: property \"a\": \"generated\" must be a boolean, got 1");
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"hidden\": \"true\"}",
          "model Person: property \"a\": \"hidden\" must be a boolean, got \"true\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"100\""})
    void invalidLengthFails(String length) {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"length\": " + length + "}",
          "model Person: property \"a\": \"length\" must be an integer ≥ 0, got " + length);
    }

    @Test
    void propertyLevelHiddenHides() {
      ModelDefinition model = person("\"a\": {\"type\": \"string\", \"hidden\": true}", "");
      assertThat(model.hiddenProperties()).containsExactly("a");
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void indexObjectMayCarryConnectorKeys() {
      ModelDefinition model =
          person("\"a\": {\"type\": \"string\", \"index\": {\"kind\": \"FULLTEXT\"}}", "");
      assertThat(model.indexes()).containsExactly(new IndexDefinition("a", Map.of("a", 1), false));
      assertThat(model.properties().get("a").settings())
          .containsEntry("index", Map.of("kind", "FULLTEXT"));
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void invalidPropertyIndexFails() {
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"index\": \"yes\"}",
          "model Person: property \"a\": \"index\" must be true, false or an object, got \"yes\"");
      assertPropertyInvalid(
          "\"a\": {\"type\": \"string\", \"index\": {\"unique\": 1}}",
          "model Person: property \"a\": \"index\": \"unique\" must be a boolean, got 1");
    }

    @Test
    void emptyPropertyNameFails() {
      assertPropertyInvalid(
          "\"\": \"string\"", "model Person: a property name must be a non-empty string");
    }
  }

  @Nested
  class ModelSettings {
    @Test
    void missingNameFails() {
      assertInvalid("{\"properties\": {}}", "model JSON: \"name\" is required");
    }

    @Test
    void nonStringNameFails() {
      assertInvalid("{\"name\": 5}", "model JSON: \"name\" must be a non-empty string, got 5");
      assertInvalid(
          "{\"name\": \"\"}", "model JSON: \"name\" must be a non-empty string, got \"\"");
    }

    @Test
    void modelWithoutPropertiesIsValid() {
      ModelDefinition model = read("{\"name\": \"Empty\"}");
      assertThat(model.properties()).isEmpty();
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void propertiesMustBeAnObject() {
      assertInvalid(
          "{\"name\": \"Person\", \"properties\": []}",
          "model Person: \"properties\" must be an object, got []");
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "idInjection", "strictDelete", "forceId"})
    void modelFlagsMustBeBooleans(String key) {
      assertInvalid(
          "{\"name\": \"Person\", \"" + key + "\": \"throw\"}",
          "model Person: \"" + key + "\" must be a boolean, got \"throw\"");
    }

    @Test
    void strictFilterIsRefused() {
      assertInvalid(
          "{\"name\": \"Person\", \"strict\": \"filter\"}",
          "model Person: \"strict\" must be a boolean, got \"filter\"");
    }

    @Test
    void modelFlagsAreRead() {
      ModelDefinition model =
          read(
              "{\"name\": \"P\", \"strict\": false, \"idInjection\": false, \"forceId\": true,"
                  + " \"strictDelete\": true}");
      assertThat(model.strict()).isFalse();
      assertThat(model.idInjection()).isFalse();
      assertThat(model.forceId()).isTrue();
      assertThat(model.strictDelete()).isTrue();
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void otherTopLevelKeysAreKeptInSettings() {
      ModelDefinition model =
          read(
              "{\"name\": \"P\", \"base\": \"PersistedModel\", \"plural\": \"people\","
                  + " \"options\": {\"validateUpsert\": true}, \"rest\": {\"x\": [1, 2.5]}}");
      // LB3's "options" block is read as top-level settings (C1.2 as amended 2026-12-06)
      assertThat(model.settings())
          .containsOnly(
              Map.entry("base", "PersistedModel"),
              Map.entry("plural", "people"),
              Map.entry("validateUpsert", true),
              Map.entry("rest", Map.of("x", List.of(1L, 2.5))));
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void hiddenNameNotAPropertyFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"properties\": {\"a\": \"string\"}, \"hidden\": [\"password\"]}",
          "model Person: \"hidden\": \"password\" is not a property");
    }

    @Test
    void hiddenMustBeAnArrayOfNames() {
      assertInvalid(
          "{\"name\": \"Person\", \"hidden\": \"password\"}",
          "model Person: \"hidden\" must be an array of property names, got \"password\"");
      assertInvalid(
          "{\"name\": \"Person\", \"hidden\": [1]}",
          "model Person: \"hidden\" must be an array of property names, got 1");
    }
  }

  @Nested
  class Indexes {
    @Test
    void shorthandIndexWithTopLevelUnique() {
      ModelDefinition model =
          person(
              "\"name\": \"string\", \"age\": \"number\"",
              "\"indexes\": {\"name_age\": {\"name\": 1, \"age\": -1, \"unique\": true}}");
      assertThat(model.indexes())
          .containsExactly(
              new IndexDefinition("name_age", orderedKeys("name", 1, "age", -1), true));
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void keysWithUniqueOption() {
      ModelDefinition model =
          person(
              "\"name\": \"string\"",
              "\"indexes\": {\"n\": {\"keys\": {\"name\": 1}, \"options\": {\"unique\": true}}}");
      assertThat(model.indexes())
          .containsExactly(new IndexDefinition("n", Map.of("name", 1), true));
    }

    @Test
    void injectedIdMayBeIndexed() {
      ModelDefinition model =
          person("\"name\": \"string\"", "\"indexes\": {\"i\": {\"keys\": {\"id\": 1}}}");
      assertThat(model.indexes()).containsExactly(new IndexDefinition("i", Map.of("id", 1), false));
    }

    @Test
    void idKeyWithoutInjectedIdFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"idInjection\": false, \"properties\": {\"a\": \"string\"},"
              + " \"indexes\": {\"i\": {\"keys\": {\"id\": 1}}}}",
          "model Person: index \"i\": key \"id\" is not a property");
    }

    @Test
    void keyThatIsNotAPropertyFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"properties\": {\"name\": \"string\"},"
              + " \"indexes\": {\"name_age\": {\"keys\": {\"name\": 1, \"nme\": 1}}}}",
          "model Person: index \"name_age\": key \"nme\" is not a property");
    }

    @Test
    void directionOtherThanOneOrMinusOneFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"properties\": {\"name\": \"string\"},"
              + " \"indexes\": {\"i\": {\"name\": \"text\"}}}",
          "model Person: index \"i\": key \"name\" must be 1 or -1, got \"text\"");
    }

    @Test
    void indexWithoutKeysFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"indexes\": {\"i\": {\"keys\": {}}}}",
          "model Person: index \"i\": has no keys");
      assertInvalid(
          "{\"name\": \"Person\", \"indexes\": {\"i\": {\"unique\": true}}}",
          "model Person: index \"i\": has no keys");
    }

    @Test
    void nonBooleanUniqueFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"properties\": {\"a\": \"string\"},"
              + " \"indexes\": {\"i\": {\"keys\": {\"a\": 1}, \"options\": {\"unique\": \"yes\"}}}}",
          "model Person: index \"i\": \"unique\" must be a boolean, got \"yes\"");
    }

    @Test
    void indexThatIsNotAnObjectFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"indexes\": {\"i\": true}}",
          "model Person: index \"i\" must be an object, got true");
      assertInvalid(
          "{\"name\": \"Person\", \"indexes\": []}",
          "model Person: \"indexes\" must be an object, got []");
    }

    @Test
    void modelIndexNamedLikeAnIndexedPropertyFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"properties\": {\"a\": {\"type\": \"string\", \"index\": true}},"
              + " \"indexes\": {\"a\": {\"a\": -1}}}",
          "model Person: index \"a\": name already used by the index of property \"a\"");
    }

    @Test
    void programmaticIndexNamedAfterAPropertyRoundTrips() {
      ModelDefinition model =
          new ModelDefinition(
              "Person",
              Map.of("email", PropertyDefinition.of("email", PropertyType.STRING)),
              true,
              true,
              null,
              false,
              List.of(new IndexDefinition("email", Map.of("email", 1), true)),
              Map.of(),
              Map.of());
      ModelDefinition back = ModelJson.read(model.toJson());
      assertThat(back.indexes()).isEqualTo(model.indexes());
      assertThat(back.properties().get("email").type()).isEqualTo(PropertyType.STRING);
    }
  }

  @Nested
  class Relations {
    @Test
    void everyRelationType() {
      ModelDefinition model =
          read(
              "{\"name\": \"Person\", \"relations\": {"
                  + "\"company\": {\"type\": \"belongsTo\", \"model\": \"Company\"},"
                  + "\"profile\": {\"type\": \"hasOne\", \"model\": \"Profile\"},"
                  + "\"orders\": {\"type\": \"hasMany\", \"model\": \"Order\","
                  + " \"primaryKey\": \"code\"},"
                  + "\"groups\": {\"type\": \"hasMany\", \"model\": \"Group\","
                  + " \"through\": \"Membership\", \"keyThrough\": \"groupId\"},"
                  + "\"tags\": {\"type\": \"hasManyThrough\", \"model\": \"Tag\","
                  + " \"through\": \"Tagging\"}}}");
      assertThat(model.relations().values())
          .extracting(RelationDefinition::type)
          .containsExactly(
              RelationDefinition.Type.BELONGS_TO,
              RelationDefinition.Type.HAS_ONE,
              RelationDefinition.Type.HAS_MANY,
              RelationDefinition.Type.HAS_MANY_THROUGH,
              RelationDefinition.Type.HAS_MANY_THROUGH);
      assertThat(model.relations().get("groups"))
          .isEqualTo(
              new RelationDefinition(
                  "groups",
                  RelationDefinition.Type.HAS_MANY_THROUGH,
                  "Group",
                  null,
                  null,
                  "Membership",
                  "groupId"));
      assertThat(model.relations().get("orders").primaryKey()).isEqualTo("code");
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void unknownRelationTypeFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"relations\": {\"orders\": {\"type\": \"embedsMany\","
              + " \"model\": \"Order\"}}}",
          "model Person: relation \"orders\": unknown type \"embedsMany\""
              + " (expected belongsTo, hasMany, hasOne or hasManyThrough)");
    }

    @Test
    void missingRelationTypeFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"relations\": {\"orders\": {\"model\": \"Order\"}}}",
          "model Person: relation \"orders\": \"type\" is required");
    }

    @Test
    void missingRelationModelFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"relations\": {\"orders\": {\"type\": \"hasMany\"}}}",
          "model Person: relation \"orders\": \"model\" is required");
    }

    @Test
    void nonStringRelationKeyFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"relations\": {\"orders\": {\"type\": \"hasMany\","
              + " \"model\": \"Order\", \"foreignKey\": 5}}}",
          "model Person: relation \"orders\": \"foreignKey\" must be a string, got 5");
    }

    @Test
    void hasManyThroughWithoutThroughFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"relations\": {\"tags\": {\"type\": \"hasManyThrough\","
              + " \"model\": \"Tag\"}}}",
          "model Person: relation \"tags\": \"through\" is required for hasManyThrough");
    }

    @Test
    void throughOnBelongsToFails() {
      assertInvalid(
          "{\"name\": \"Person\", \"relations\": {\"c\": {\"type\": \"belongsTo\","
              + " \"model\": \"C\", \"through\": \"X\"}}}",
          "model Person: relation \"c\": \"through\" and \"keyThrough\" need a hasMany relation");
    }
  }

  @Nested
  class MalformedJson {
    @Test
    void syntaxErrorFailsWithLocation() {
      ConnectorException e =
          catchThrowableOfType(
              ConnectorException.class, () -> ModelJson.read("{\n  \"name\": \"P\",\n  oops\n}"));
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
      assertThat(e.getMessage()).startsWith("model JSON: malformed JSON at line 3, column ");
    }

    @Test
    void duplicateKeyFails() {
      ConnectorException e =
          catchThrowableOfType(
              ConnectorException.class, () -> ModelJson.read("{\"name\": \"P\", \"name\": \"Q\"}"));
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
      assertThat(e.getMessage())
          .startsWith("model JSON: malformed JSON at line 1, column ")
          .contains("Duplicate field 'name'");
    }

    @Test
    void trailingTokensFail() {
      ConnectorException e =
          catchThrowableOfType(
              ConnectorException.class, () -> ModelJson.read("{\"name\": \"P\"} {}"));
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
      assertThat(e.getMessage()).startsWith("model JSON: malformed JSON");
    }

    @Test
    void nonObjectFails() {
      assertInvalid("[1]", "model JSON: expected an object, got [1]");
      assertInvalid("null", "model JSON: expected an object, got null");
    }

    @Test
    void emptyTextFails() {
      ConnectorException e =
          catchThrowableOfType(ConnectorException.class, () -> ModelJson.read(""));
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    }

    @Test
    void nullArgumentIsANullPointerException() {
      assertThatThrownBy(() -> ModelJson.read((String) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("json is null");
      assertThatThrownBy(() -> ModelJson.write(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("model is null");
    }

    @Test
    void nullValuesInsideTheMapAreAbsentNotNpe() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", "P");
      json.put("properties", null);
      json.put("strict", null);
      json.put("relations", null);
      ModelDefinition model = ModelJson.read(json);
      assertThat(model.properties()).isEmpty();
      assertThat(model.strict()).isTrue();
    }

    @Test
    void nullPropertyValueFails() {
      assertPropertyInvalid(
          "\"a\": null", "model Person: property \"a\": expected a type or an object, got null");
    }
  }

  @Nested
  class Writing {
    @Test
    void programmaticDefinitionIsWrittenCanonically() {
      Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
      properties.put(
          "id",
          new PropertyDefinition(
              "id", PropertyType.NUMBER, 1, true, false, null, null, null, false, Map.of()));
      properties.put(
          "name",
          new PropertyDefinition(
              "name", PropertyType.STRING, 0, false, true, "x", null, 10, true, Map.of()));
      properties.put(
          "tags", PropertyDefinition.of("tags", PropertyType.arrayOf(PropertyType.STRING)));
      ModelDefinition model =
          new ModelDefinition(
              "P", properties, false, true, null, false, List.of(), Map.of(), Map.of("x", 1));

      Map<String, Object> json = ModelJson.write(model);

      Map<String, Object> expectedName = new LinkedHashMap<>();
      expectedName.put("type", "string");
      expectedName.put("required", true);
      expectedName.put("default", "x");
      expectedName.put("length", 10);
      assertThat(json)
          .containsExactly(
              Map.entry("name", "P"),
              Map.entry("strict", false),
              Map.entry("idInjection", true),
              Map.entry("strictDelete", false),
              Map.entry(
                  "properties",
                  Map.of(
                      "id", Map.of("type", "number", "id", true, "generated", true),
                      "name", expectedName,
                      "tags", Map.of("type", List.of("string")))),
              Map.entry("hidden", List.of("name")),
              Map.entry("x", 1));
      ModelDefinition back = ModelJson.read(json);
      assertThat(back.properties().values())
          .extracting(
              PropertyDefinition::type,
              PropertyDefinition::idPosition,
              PropertyDefinition::required,
              PropertyDefinition::defaultValue,
              PropertyDefinition::length,
              PropertyDefinition::hidden)
          .containsExactlyElementsOf(
              properties.values().stream()
                  .map(
                      p ->
                          org.assertj.core.groups.Tuple.tuple(
                              p.type(),
                              p.idPosition(),
                              p.required(),
                              p.defaultValue(),
                              p.length(),
                              p.hidden()))
                  .toList());
    }

    @Test
    void rawSpellingsSurviveTheRoundTrip() {
      ModelDefinition model =
          person(
              "\"id\": {\"type\": \"Number\", \"id\": 1, \"required\": false,"
                  + " \"mysql\": {\"columnName\": \"ID\", \"dataType\": \"int\"}}",
              "");
      @SuppressWarnings("unchecked")
      Map<String, Object> id =
          (Map<String, Object>) ((Map<String, Object>) model.toJson().get("properties")).get("id");
      assertThat(id)
          .containsExactly(
              Map.entry("type", "Number"),
              Map.entry("id", 1L),
              Map.entry("required", false),
              Map.entry("mysql", Map.of("columnName", "ID", "dataType", "int")));
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }

    @Test
    void writtenJsonIsMutableAndDetached() {
      ModelDefinition model = read(PERSON);
      Map<String, Object> json = model.toJson();
      json.put("name", "Other");
      @SuppressWarnings("unchecked")
      Map<String, Object> mysql = (Map<String, Object>) json.get("mysql");
      mysql.put("table", "x");
      assertThat(model.connectorSettings("mysql")).containsEntry("table", "people");
    }

    @Test
    void hasManyThroughIsWrittenAsHasManyWithThrough() {
      ModelDefinition model =
          new ModelDefinition(
              "P",
              Map.of(),
              true,
              true,
              null,
              false,
              List.of(),
              Map.of(
                  "tags",
                  new RelationDefinition(
                      "tags",
                      RelationDefinition.Type.HAS_MANY_THROUGH,
                      "Tag",
                      null,
                      null,
                      "T",
                      null)),
              Map.of());
      assertThat(model.toJson().get("relations"))
          .isEqualTo(Map.of("tags", Map.of("type", "hasMany", "model", "Tag", "through", "T")));
      assertThat(ModelJson.read(model.toJson())).isEqualTo(model);
    }
  }

  private static Map<String, Integer> orderedKeys(String a, int da, String b, int db) {
    Map<String, Integer> keys = new LinkedHashMap<>();
    keys.put(a, da);
    keys.put(b, db);
    return keys;
  }
}
