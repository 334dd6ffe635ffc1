package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.model.ModelDefinition;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRecordsTest {
  @TempDir Path dir;

  private Class<?> compile(JavaRecords.Source source, String packageName) throws Exception {
    Path file = dir.resolve(source.className() + ".java");
    Files.writeString(file, source.text(), StandardCharsets.UTF_8);
    return DiscoverCommandTest.compileAndLoad(
        file, packageName.isEmpty() ? source.className() : packageName + "." + source.className());
  }

  @Test
  void hostileNamesStillGiveARecordThatCompiles() throws Exception {
    ModelDefinition model =
        ModelDefinition.fromMap(
            Map.of(
                "name",
                "order_items */ @deprecated \\u000a",
                "properties",
                Map.of(
                    "wait", "string",
                    "*/ class X {", "number",
                    "\\u000a", "boolean",
                    "a-b", "date",
                    "a_b", "date",
                    "9lives", "object",
                    "yield", "any",
                    "tab\there", "string")));

    JavaRecords.Source source = JavaRecords.generate(model, "gen.models");
    Class<?> record = compile(source, "gen.models");

    assertThat(source.className()).isEqualTo("OrderItemsDeprecatedU000a");
    assertThat(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName))
        .containsExactlyInAnyOrder(
            "wait_", "___class_X__", "_u000a", "a_b", "a_b2", "_9lives", "yield_", "tab_here");
  }

  @Test
  void aModelNamedLikeAUsedTypeIsRenamedAndTheDefaultPackageWorks() throws Exception {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"List\", \"properties\": {\"items\": [\"number\"], \"id\": {\"type\":"
                + " \"string\", \"id\": true}}}");

    JavaRecords.Source source = JavaRecords.generate(model, "");
    Class<?> record = compile(source, "");

    assertThat(source.className()).isEqualTo("ListModel");
    assertThat(record.getRecordComponents()).hasSize(2);
    assertThat(source.text()).contains("Id: <code>id</code>.", "List<Double> items");
  }

  @Test
  void packageNamesAreChecked() {
    assertThat(JavaRecords.isPackageName("com.example.models")).isTrue();
    assertThat(JavaRecords.isPackageName("")).isTrue();
    assertThat(JavaRecords.isPackageName("com..example")).isFalse();
    assertThat(JavaRecords.isPackageName("com.class")).isFalse();
    assertThat(JavaRecords.isPackageName("com/example")).isFalse();
  }
}
