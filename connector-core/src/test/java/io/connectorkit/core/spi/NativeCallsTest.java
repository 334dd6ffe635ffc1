package io.connectorkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.spi.sql.ParameterizedSql;
import org.junit.jupiter.api.Test;

/** How SQL statements are described to hooks ({@code SqlConnector.describe}). */
class NativeCallsTest {
  private NativeCall describe(String sql, Object... params) {
    ParameterizedSql statement = ParameterizedSql.of(sql, params);
    return NativeCall.ofSql(statement.sql(), statement.params());
  }

  @Test
  void aSelectNamesItsVerbTableTextAndParameters() {
    NativeCall call = describe("SELECT `id`, `name` FROM `Person` WHERE `age` > ?", 30);

    assertThat(call.operation()).isEqualTo("SELECT");
    assertThat(call.target()).isEqualTo("Person");
    assertThat(call.text()).isEqualTo("SELECT `id`, `name` FROM `Person` WHERE `age` > ?");
    assertThat(call.parameters()).containsExactly(30);
  }

  @Test
  void insertUpdateDeleteAndDdlNameTheirTable() {
    assertThat(describe("INSERT INTO \"public\".\"Person\" (\"name\") VALUES (?)", "x").target())
        .isEqualTo("public.Person");
    assertThat(describe("update person set name = ? where id = ?", "x", 1).target())
        .isEqualTo("person");
    assertThat(describe("DELETE FROM [Order] WHERE id = ?", 1).target()).isEqualTo("Order");
    assertThat(describe("CREATE TABLE IF NOT EXISTS `Person` (id INT)").target())
        .isEqualTo("Person");
    assertThat(describe("CREATE INDEX `i` ON `Person` (`name`)").target()).isEqualTo("Person");
  }

  @Test
  void aSubqueryDoesNotHideTheOuterTableButAStatementWithoutOneHasNone() {
    assertThat(describe("SELECT COUNT(*) FROM (SELECT 1 FROM t) x").target()).isEqualTo("t");
    NativeCall commit = describe("COMMIT");
    assertThat(commit.operation()).isEqualTo("COMMIT");
    assertThat(commit.target()).isNull();
  }

  @Test
  void anUnknownRequestTypeIsDescribedByItsClassNotItsContents() {
    Connector connector =
        io.connectorkit.core.DataSources.create("db", java.util.Map.of("connector", "list"))
            .unwrap(Connector.class);
    NativeCall call = connector.describe(new StringBuilder("password=secret"));

    assertThat(call.text()).isEqualTo("StringBuilder").doesNotContain("secret");
    assertThat(call.target()).isNull();
  }
}
