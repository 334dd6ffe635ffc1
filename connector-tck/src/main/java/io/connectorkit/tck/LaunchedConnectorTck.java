package io.connectorkit.tck;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.model.ModelDefinition;
import java.util.Optional;

/**
 * The TCK as {@link TckRunner} launches it: the datasource and hooks come from the target the
 * runner installs. Not for direct use (its name keeps build tools from picking it up as a test).
 */
public final class LaunchedConnectorTck extends ConnectorTck {
  private static volatile TckTarget target;

  static void install(TckTarget installed) {
    target = installed;
  }

  private static TckTarget target() {
    TckTarget installed = target;
    if (installed == null) {
      throw new IllegalStateException("LaunchedConnectorTck runs only through TckRunner");
    }
    return installed;
  }

  @Override
  protected void reset(DataSource db, ModelDefinition model) {
    if (target().reset() == null) {
      super.reset(db, model);
    } else {
      target().reset().accept(db, model);
    }
  }

  @Override
  protected Optional<RemoteCall> remoteCall() {
    return Optional.ofNullable(target().remoteCall());
  }

  @Override
  protected DataSource createDataSource() {
    return target().dataSources().get();
  }
}
