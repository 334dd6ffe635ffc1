package io.connectorkit.tck;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.model.ModelDefinition;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The TCK as {@link TckRunner} launches it: the datasource and hooks come from the target the
 * runner installs. Not for direct use (its name keeps build tools from picking it up as a test).
 */
public final class LaunchedConnectorTck extends ConnectorTck {
  private static volatile @Nullable TckTarget target;

  static void install(@Nullable TckTarget installed) {
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
    BiConsumer<DataSource, ModelDefinition> reset = target().reset();
    if (reset == null) {
      super.reset(db, model);
    } else {
      reset.accept(db, model);
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
