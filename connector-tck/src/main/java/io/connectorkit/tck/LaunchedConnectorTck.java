package io.connectorkit.tck;

import io.connectorkit.core.DataSource;
import java.util.function.Supplier;

/**
 * The TCK as {@link TckRunner} launches it: the datasource comes from the supplier the runner
 * installs. Not for direct use (its name keeps build tools from picking it up as a test).
 */
public final class LaunchedConnectorTck extends ConnectorTck {
  private static volatile Supplier<DataSource> dataSources;

  static void install(Supplier<DataSource> supplier) {
    dataSources = supplier;
  }

  @Override
  protected DataSource createDataSource() {
    Supplier<DataSource> supplier = dataSources;
    if (supplier == null) {
      throw new IllegalStateException("LaunchedConnectorTck runs only through TckRunner");
    }
    return supplier.get();
  }
}
