package io.connectorkit.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.tck.ConnectorTck;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The skips of {@link LoopBackServerTck} stay honest: each names a TCK test that exists in a CRUD
 * section, and the module README's table lists it.
 */
class LoopBackDeviationsTest {
  @Test
  void everyDeviationNamesAnExistingTestOfACrudSection() {
    for (LoopBackServerTck.Deviation deviation : LoopBackServerTck.DEVIATIONS) {
      assertThat(deviation.lb3() != null || deviation.lb4() != null)
          .as("%s deviates on at least one server", deviation.tests())
          .isTrue();
      for (String test : deviation.tests()) {
        String[] parts = test.split("\\.");
        assertThat(LoopBackServerTck.CRUD_SECTIONS).as(test).contains(parts[0]);
        Optional<Class<?>> section =
            Arrays.stream(ConnectorTck.class.getDeclaredClasses())
                .filter(type -> type.getSimpleName().equals(parts[0]))
                .findFirst();
        assertThat(section).as("section of %s", test).isPresent();
        boolean declared = false;
        for (Class<?> type = section.get(); type != null; type = type.getSuperclass()) {
          declared |=
              Arrays.stream(type.getDeclaredMethods())
                  .map(Method::getName)
                  .anyMatch(parts[1]::equals);
        }
        assertThat(declared).as("%s is a test of the TCK", test).isTrue();
      }
    }
  }

  @Test
  void theReadmeTableListsEveryDeviation() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (LoopBackServerTck.Deviation deviation : LoopBackServerTck.DEVIATIONS) {
      for (String test : deviation.tests()) {
        assertThat(readme).as("connector-rest/README.md lists %s", test).contains("`" + test + "`");
      }
    }
  }
}
