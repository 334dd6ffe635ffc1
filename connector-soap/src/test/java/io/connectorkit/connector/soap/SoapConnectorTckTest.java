package io.connectorkit.connector.soap;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.tck.ConnectorTck;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole TCK against the soap connector and the calculator service. The connector has no CRUD,
 * so the TCK checks that every record operation is refused, runs the checks that need no record
 * (lifecycle, the refusals of the other undeclared features, {@code invoke}), and skips the rest,
 * naming CRUD as the missing prerequisite.
 */
class SoapConnectorTckTest extends ConnectorTck {
  static final RemoteCall ADD =
      new RemoteCall("Add", Map.of("intA", 1, "intB", 2), Map.of("AddResult", 3L));

  private static SoapServices services;

  @BeforeAll
  static void startServices() {
    services = new SoapServices();
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }

  static DataSource calculator(SoapServices services) {
    return DataSources.create(
        "tck", Map.of("connector", "soap", "wsdl", services.url("/calculator") + "?wsdl"));
  }

  @Override
  protected DataSource createDataSource() {
    return calculator(services);
  }

  @Override
  protected Optional<RemoteCall> remoteCall() {
    return Optional.of(ADD);
  }
}
