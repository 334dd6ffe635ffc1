package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.dao.Dao;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** C4.1 where: every operator. */
public abstract class WhereTck extends TckSection {
  protected WhereTck(ConnectorTck tck) {
    super(tck);
  }

  @Test
  @Contract("C4.1")
  void neqIncludesRowsWhereTheValueIsNull() {
    Dao items = define("{\"name\": \"TckItem\", \"properties\": {\"name\": \"string\"}}");
    items.create(Map.of("name", "a"));
    items.create(Map.of("name", "b"));
    Map<String, Object> unnamed = new HashMap<>();
    unnamed.put("name", null);
    items.create(unnamed);

    assertThat(items.find(Filter.where(Where.neq("name", "a"))))
        .as("C4.1: neq is the exact complement of equality, so null rows match {\"neq\": \"a\"}")
        .extracting(row -> row.get("name"))
        .containsExactly("b", null);
  }
}
