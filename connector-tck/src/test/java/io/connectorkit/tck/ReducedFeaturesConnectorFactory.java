package io.connectorkit.tck;

import io.connectorkit.connector.memory.MemoryConnectorFactory;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connector that stores through the memory connector but declares only the core contract plus
 * STRING_IDS, NUMERIC_IDS and NESTED_PROPERTIES: so the TCK runs the DAO's read-then-write shims
 * (no BATCH_CREATE, ATOMIC_UPSERT, ATOMIC_FIND_OR_CREATE) and the two-sided checks of
 * FREE_FORM_PROPERTIES and TRANSACTIONS.
 */
public final class ReducedFeaturesConnectorFactory implements ConnectorFactory {
  @Override
  public String name() {
    return "reduced";
  }

  @Override
  public Connector initialize(Settings settings) {
    return new Reduced(settings, new MemoryConnectorFactory().initialize(settings));
  }

  private static final class Reduced extends Connector {
    private static final Set<Feature> FEATURES =
        EnumSet.of(
            Feature.CRUD, Feature.STRING_IDS, Feature.NUMERIC_IDS, Feature.NESTED_PROPERTIES);

    private final Connector store;

    Reduced(Settings settings, Connector store) {
      super("reduced", settings);
      this.store = store;
    }

    @Override
    public Set<Feature> features() {
      return FEATURES;
    }

    @Override
    protected void doConnect() {
      store.connect();
    }

    @Override
    protected void doDisconnect() {
      store.disconnect();
    }

    @Override
    protected void onDefine(ModelDefinition model) {
      store.define(model);
    }

    @Override
    public Map<String, Object> create(
        ModelDefinition model, Map<String, Object> data, Options options) {
      return store.create(model, data, options);
    }

    @Override
    public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
      return store.all(model, filter, options);
    }

    @Override
    public long count(ModelDefinition model, Where where, Options options) {
      return store.count(model, where, options);
    }

    @Override
    public long update(
        ModelDefinition model, Where where, Map<String, Object> data, Options options) {
      return store.update(model, where, data, options);
    }

    @Override
    public long destroyAll(ModelDefinition model, Where where, Options options) {
      return store.destroyAll(model, where, options);
    }

    @Override
    public Map<String, Object> updateAttributes(
        ModelDefinition model, Object id, Map<String, Object> data, Options options) {
      return store.updateAttributes(model, id, data, options);
    }

    @Override
    public Map<String, Object> replaceById(
        ModelDefinition model, Object id, Map<String, Object> data, Options options) {
      return store.replaceById(model, id, data, options);
    }

    @Override
    public Pushdown pushdown(ModelDefinition model, Filter filter) {
      return store.pushdown(model, filter);
    }
  }
}
