package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.model.ModelDefinition;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TckRunner} runs the TCK against: the datasources, and the hooks a {@link
 * ConnectorTck} subclass would otherwise override.
 *
 * @param dataSources makes a fresh datasource for each test; never null
 * @param reset empties a just-defined model's storage (see {@link ConnectorTck#reset}); null for
 *     the default
 * @param remoteCall the call that checks OPERATIONS (see {@link ConnectorTck#remoteCall}); null for
 *     none
 */
public record TckTarget(
    Supplier<DataSource> dataSources,
    @Nullable BiConsumer<DataSource, ModelDefinition> reset,
    ConnectorTck.@Nullable RemoteCall remoteCall) {
  public TckTarget {
    requireNonNull(dataSources, "dataSources is null");
  }

  /** The datasources with the default hooks. */
  public static TckTarget of(Supplier<DataSource> dataSources) {
    return new TckTarget(dataSources, null, null);
  }

  /** This target with a backend reset of the caller's. */
  public TckTarget withReset(BiConsumer<DataSource, ModelDefinition> reset) {
    return new TckTarget(dataSources, requireNonNull(reset, "reset is null"), remoteCall);
  }

  /** This target with a remote operation whose result the TCK checks. */
  public TckTarget withRemoteCall(ConnectorTck.RemoteCall remoteCall) {
    return new TckTarget(dataSources, reset, requireNonNull(remoteCall, "remoteCall is null"));
  }
}
