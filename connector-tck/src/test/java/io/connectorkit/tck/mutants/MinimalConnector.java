package io.connectorkit.tck.mutants;

import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.UpsertData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The memory connector reduced to the core contract: it declares only generated ids, and every
 * optional operation fails as the SPI's default does. The DAO's shims must give it the whole
 * contract, and the TCK's two-sided checks of the undeclared features must pass.
 */
class MinimalConnector extends ForwardingConnector {
  MinimalConnector(Connector delegate) {
    super(delegate);
  }

  @Override
  public Set<Feature> features() {
    return Set.of(Feature.CRUD, Feature.NUMERIC_IDS, Feature.STRING_IDS);
  }

  @Override
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    throw Feature.BATCH_CREATE.unsupported(name());
  }

  @Override
  public UpsertResult updateOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    throw Feature.ATOMIC_UPSERT.unsupported(name());
  }

  @Override
  public UpsertResult replaceOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    throw Feature.ATOMIC_UPSERT.unsupported(name());
  }

  @Override
  public UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    throw Feature.ATOMIC_UPSERT.unsupported(name());
  }

  @Override
  public UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    throw Feature.ATOMIC_FIND_OR_CREATE.unsupported(name());
  }

  @Override
  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
    throw Feature.TRANSACTIONS.unsupported(name());
  }

  // The memory connector migrates (LoopBack's memory connector does); this one must not.
  @Override
  public void automigrate(List<ModelDefinition> models) {
    throw Feature.MIGRATION.unsupported(name());
  }

  @Override
  public void autoupdate(List<ModelDefinition> models, boolean destructive) {
    throw Feature.MIGRATION.unsupported(name());
  }

  @Override
  public boolean isActual(List<ModelDefinition> models) {
    throw Feature.MIGRATION.unsupported(name());
  }
}
