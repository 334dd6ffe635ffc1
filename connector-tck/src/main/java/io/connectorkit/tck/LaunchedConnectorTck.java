package io.connectorkit.tck;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.model.ModelDefinition;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The TCK as {@link TckRunner} launches it: the datasource comes from the supplier the runner
 * installs. Not for direct use (its name keeps build tools from picking it up as a test).
 */
public final class LaunchedConnectorTck extends ConnectorTck {
  private static volatile Supplier<DataSource> dataSources;
  private static volatile BiConsumer<DataSource, ModelDefinition> resetter;

  static void install(
      Supplier<DataSource> supplier, BiConsumer<DataSource, ModelDefinition> reset) {
    dataSources = supplier;
    resetter = reset;
  }

  @Override
  protected void reset(DataSource db, ModelDefinition model) {
    BiConsumer<DataSource, ModelDefinition> custom = resetter;
    if (custom == null) {
      super.reset(db, model);
    } else {
      custom.accept(db, model);
    }
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
