package io.connectorkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrudFixturesTest {
  @Test
  void presentReturnsAValueThatIsThere() {
    assertThat(CrudFixtures.present("x", "C3: a record carries its id", "holder")).isEqualTo("x");
  }

  @Test
  void presentFailsAnAbsentValueCitingTheRuleAndShowingWhereItWasMissing() {
    assertThatThrownBy(() -> CrudFixtures.present(null, "C3: a record carries its id", "row{a=1}"))
        .isExactlyInstanceOf(AssertionError.class)
        .hasMessage("C3: a record carries its id, got row{a=1}");
  }

  @Test
  void idOfARecordWithoutIdFailsCitingC3() {
    Map<String, Object> record = new HashMap<>(Map.of("name", "a"));

    assertThatThrownBy(() -> CrudFixtures.idOf(record))
        .isExactlyInstanceOf(AssertionError.class)
        .hasMessage("C3: a record returned by the DAO carries its id, got {name=a}");
    record.put("id", 7);
    assertThat(CrudFixtures.idOf(record)).isEqualTo(7);
  }
}
