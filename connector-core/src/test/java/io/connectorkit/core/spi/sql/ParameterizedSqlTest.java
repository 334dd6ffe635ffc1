package io.connectorkit.core.spi.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterizedSqlTest {
  @Test
  void keepsNullParametersAndIsNotChangedByTheCallersList() {
    List<Object> values = new ArrayList<>(Arrays.asList(1, null, "x"));
    ParameterizedSql sql = new ParameterizedSql("a = ? AND b = ? AND c = ?", values);
    values.set(0, 99);
    values.add("late");

    assertThat(sql.params()).containsExactly(1, null, "x");
  }

  @Test
  void parametersCannotBeModified() {
    ParameterizedSql sql = ParameterizedSql.of("a = ?", 1);

    assertThatThrownBy(() -> sql.params().add(2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sql.params().set(0, 2))
        .isInstanceOf(UnsupportedOperationException.class);
    sql.params().toArray()[0] = 5;
    assertThat(sql.params()).containsExactly(1);
  }

  @Test
  void appendingKeepsTextAndParametersInOrderAndLeavesBothPartsAlone() {
    ParameterizedSql head = ParameterizedSql.of("SELECT * FROM t WHERE a = ?", 1);
    ParameterizedSql tail = ParameterizedSql.of(" AND b IN (?, ?)", null, 3);

    ParameterizedSql joined =
        head.append(tail).append(" LIMIT 5").append(ParameterizedSql.text(""));

    assertThat(joined.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT 5");
    assertThat(joined.params()).containsExactly(1, null, 3);
    assertThat(head.params()).containsExactly(1);
    assertThat(tail.params()).containsExactly(null, 3);
  }

  @Test
  void equalsAStatementBuiltFromAPlainList() {
    ParameterizedSql built = ParameterizedSql.text("a = ?").append(ParameterizedSql.of("", 7));

    assertThat(built).isEqualTo(new ParameterizedSql("a = ?", List.of(7)));
    assertThat(built.hashCode()).isEqualTo(new ParameterizedSql("a = ?", List.of(7)).hashCode());
  }

  @Test
  void joinsPartsWithASeparator() {
    ParameterizedSql joined =
        ParameterizedSql.join(
            " OR ", List.of(ParameterizedSql.of("a = ?", 1), ParameterizedSql.of("b = ?", 2)));

    assertThat(joined.sql()).isEqualTo("a = ? OR b = ?");
    assertThat(joined.params()).containsExactly(1, 2);
  }
}
