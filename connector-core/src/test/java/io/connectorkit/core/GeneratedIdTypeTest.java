package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** C7: a connector never silently generates an id of another type than the model declares. */
class GeneratedIdTypeTest {
  private final ListConnector connector = new ListConnector(Settings.of(Map.of()));

  @Test
  void aGeneratedStringIdWithoutStringIdsIsUnsupported() {
    ModelDefinition model =
        ModelDefinition.fromJson(
            "{\"name\": \"S\", \"properties\": {"
                + "\"id\": {\"type\": \"string\", \"id\": true, \"generated\": true}}}");

    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> connector.define(model));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
    assertThat(e.getMessage()).startsWith("list does not support STRING_IDS").contains("S");
    assertThat(connector.models()).isEmpty();
  }

  @Test
  void aGeneratedIdOfASupportedTypeOrAClientChosenIdIsAccepted() {
    connector.define(
        ModelDefinition.fromJson(
            "{\"name\": \"N\", \"properties\": {"
                + "\"id\": {\"type\": \"number\", \"id\": true, \"generated\": true}}}"));
    connector.define(
        ModelDefinition.fromJson(
            "{\"name\": \"C\", \"properties\": {\"id\": {\"type\": \"string\", \"id\": true}}}"));
    connector.define(ModelDefinition.fromJson("{\"name\": \"I\", \"properties\": {}}"));

    assertThat(connector.models()).extracting(ModelDefinition::name).contains("N", "C", "I");
  }
}
