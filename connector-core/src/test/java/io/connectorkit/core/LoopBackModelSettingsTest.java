package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LoopBack model settings the DAO honours (C1.2): LB3's {@code options} block, property {@code
 * enum} / {@code jsonSchema.enum}, model {@code validations} with LoopBack's messages, the default
 * {@code scope} and named {@code scopes}.
 */
class LoopBackModelSettingsTest {
  private DataSource db;

  @BeforeEach
  void setUp() {
    db = DataSources.create("db", Map.of("connector", "list"));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
        .hasMessage(message);
  }

  @Test
  void loopBack3OptionsBlockIsReadLikeTopLevelSettings() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            """
            {"name": "Account", "properties": {"name": "string"},
             "options": {"strict": false, "idInjection": false, "mysql": {"table": "acct"}}}
            """);
    assertThat(model.strict()).isFalse();
    assertThat(model.idInjection()).isFalse();
    assertThat(model.settings()).containsEntry("mysql", Map.of("table", "acct"));
    assertThat(model.settings()).doesNotContainKey("options");
  }

  @Test
  void topLevelSettingWinsOverTheSameKeyInOptions() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            """
            {"name": "Account", "strict": true, "properties": {"name": "string"},
             "options": {"strict": false}}
            """);
    assertThat(model.strict()).isTrue();
  }

  @Test
  void optionsThatIsNotAnObjectIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                ModelDefinition.fromJson("{\"name\": \"A\", \"properties\": {}, \"options\": [1]}"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("\"options\" must be an object");
  }

  @Test
  void propertyEnumAndJsonSchemaEnumRejectOtherValues() {
    db.define(
        """
        {"name": "Ticket", "properties": {
          "state": {"type": "string", "enum": ["open", "closed"]},
          "level": {"type": "number", "jsonSchema": {"enum": [1, 2, 3]}}}}
        """);
    Dao tickets = db.dao("Ticket");
    assertThat(tickets.create(Map.of("state", "open", "level", "2")))
        .containsEntry("state", "open")
        .containsEntry("level", 2L);
    assertInvalid(
        () -> tickets.create(Map.of("state", "lost", "level", 4)),
        "The Ticket instance is not valid. Details: `state` is not included in the list;"
            + " `level` is not included in the list.");
    Object id = tickets.find(null).get(0).get("id");
    assertInvalid(
        () -> tickets.updateById(id, Map.of("state", "pending"), Options.NONE),
        "The Ticket instance is not valid. Details: `state` is not included in the list.");
  }

  private Dao users() {
    db.define(
        """
        {"name": "Member", "properties": {
          "name": "string", "email": "string", "code": "string", "role": "string",
          "nick": "string", "tags": ["string"]},
         "validations": [
          {"type": "presence", "property": "name"},
          {"type": "length", "property": "code", "min": 2, "max": 4, "allowNull": true,
           "allowBlank": true},
          {"type": "format", "property": "email", "with": "^[^@]+@[^@]+$", "allowBlank": true},
          {"type": "inclusion", "property": "role", "in": ["admin", "user"], "allowBlank": true},
          {"validation": "validatesExclusionOf", "propertyName": "nick", "in": ["root"],
           "allowBlank": true, "message": "is taken"},
          {"type": "uniqueness", "property": "email"}]}
        """);
    return db.dao("Member");
  }

  @Test
  void validationsOfTheBuiltInKindsFailWithLoopBacksMessages() {
    Dao members = users();
    assertInvalid(
        () -> members.create(Map.of("code", "x", "email", "nope", "role", "boss", "nick", "root")),
        "The Member instance is not valid. Details: `name` can't be blank; `code` too short;"
            + " `email` is invalid; `role` is not included in the list; `nick` is taken.");
    assertInvalid(
        () -> members.create(Map.of("name", "a", "code", "xxxxx")),
        "The Member instance is not valid. Details: `code` too long.");
    assertThat(members.create(Map.of("name", "Ada", "email", "ada@x.org", "role", "admin")))
        .containsEntry("name", "Ada");
  }

  @Test
  void lengthFormatAndInclusionReportAnAbsentValueAsBlankUnlessAllowed() {
    db.define(
        """
        {"name": "Code", "properties": {"code": "string"},
         "validations": [{"type": "length", "property": "code", "is": 3}]}
        """);
    Dao codes = db.dao("Code");
    assertInvalid(
        () -> codes.create(Map.of()), "The Code instance is not valid. Details: `code` is blank.");
    assertInvalid(
        () -> codes.create(Map.of("code", "abcd")),
        "The Code instance is not valid. Details: `code` length is wrong.");
    Object id = codes.create(Map.of("code", "abc")).get("id");
    // a patch that does not touch the property is fine, as for required
    assertThat(codes.updateById(id, Map.of(), Options.NONE)).isNotNull();
  }

  @Test
  void uniquenessValidationRejectsAValueAnotherRecordOrBatchItemHolds() {
    Dao members = users();
    members.create(Map.of("name", "Ada", "email", "ada@x.org"));
    assertInvalid(
        () -> members.create(Map.of("name", "Eve", "email", "ada@x.org")),
        "The Member instance is not valid. Details: `email` is not unique.");
    assertInvalid(
        () ->
            members.createAll(
                List.of(
                    Map.of("name", "B", "email", "b@x.org"),
                    Map.of("name", "C", "email", "b@x.org"))),
        "The Member instance is not valid. Details: `email` is not unique.");
    assertThat(members.count(null)).isEqualTo(1);
  }

  @Test
  void unknownValidationKindIsAConfigurationErrorNamingTheEntry() {
    assertThatThrownBy(
            () ->
                db.define(
                    """
                    {"name": "Bad", "properties": {"a": "string"},
                     "validations": [{"type": "numericality", "property": "a"}]}
                    """))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("model Bad: validations[0]: unknown validation numericality");
  }

  @Test
  void defaultScopeFiltersAndOrdersEveryQueryAndNamedScopesAddTheirs() {
    db.define(
        """
        {"name": "Product", "properties": {"name": "string", "price": "number",
           "active": "boolean"},
         "scope": {"where": {"active": true}, "order": "price DESC"},
         "scopes": {"cheap": {"where": {"price": {"lt": 10}}}}}
        """);
    Dao products = db.dao("Product");
    products.create(Map.of("name", "a", "price", 5, "active", true));
    products.create(Map.of("name", "b", "price", 50, "active", true));
    products.create(Map.of("name", "c", "price", 1, "active", false));
    products.create(Map.of("name", "d", "price", 7, "active", true));

    assertThat(products.find(null)).extracting(r -> r.get("name")).containsExactly("b", "d", "a");
    assertThat(products.find(FilterParser.parse(Map.of("order", "price ASC"))))
        .extracting(r -> r.get("name"))
        .containsExactly("a", "d", "b");
    assertThat(products.count(null)).isEqualTo(3);
    assertThat(products.findInScope("cheap", null, Options.NONE))
        .extracting(r -> r.get("name"))
        .containsExactly("d", "a");
    assertThat(products.findInScope("cheap", Filter.where(Where.eq("name", "a")), Options.NONE))
        .extracting(r -> r.get("name"))
        .containsExactly("a");
    assertThat(products.deleteAll(null)).isEqualTo(3);
    assertThatThrownBy(() -> products.findInScope("nosuch", null, Options.NONE))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage("model Product has no scope \"nosuch\"; it has [cheap]");
  }
}
