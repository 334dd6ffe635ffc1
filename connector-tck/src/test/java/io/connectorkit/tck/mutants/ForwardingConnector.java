package io.connectorkit.tck.mutants;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.UpsertData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A connector that forwards every SPI method to a real connector. Unchanged it must pass the whole
 * TCK (the control); a mutant overrides one method to break one rule of the contract.
 *
 * <p>Transactions: the DAO accepts only a transaction whose {@link Transaction#connector()} is the
 * datasource's connector, so the delegate's transaction is wrapped in a {@link
 * ForwardingTransaction} owned by this connector, and unwrapped again on the way to the delegate.
 */
class ForwardingConnector extends Connector {
  protected final Connector delegate;

  /** Relays the delegate's native calls to this connector's execute listeners (C9). */
  final ExecuteListener relay;

  ForwardingConnector(Connector delegate) {
    super(delegate.name(), delegate.settings());
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.relay = executeListeners();
    delegate.addExecuteListener(relay);
  }

  /** The delegate's options: a forwarding transaction is replaced by the one it wraps. */
  protected static Options unwrap(Options options) {
    if (options != null && options.transaction() instanceof ForwardingTransaction forwarding) {
      return Options.of(forwarding.delegate);
    }
    return options;
  }

  @Override
  public Set<Feature> features() {
    return delegate.features();
  }

  @Override
  protected void doConnect() {
    delegate.connect();
  }

  @Override
  protected void doDisconnect() {
    delegate.disconnect();
  }

  @Override
  public boolean ping() {
    connect();
    return delegate.ping();
  }

  @Override
  public PropertyType defaultIdType() {
    return delegate.defaultIdType();
  }

  @Override
  public ModelDefinition define(ModelDefinition model) {
    ModelDefinition effective = super.define(model);
    delegate.define(effective);
    return effective;
  }

  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    return delegate.create(model, data, unwrap(options));
  }

  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    return delegate.all(model, filter, unwrap(options));
  }

  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    return delegate.count(model, where, unwrap(options));
  }

  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    return delegate.update(model, where, data, unwrap(options));
  }

  @Override
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    return delegate.destroyAll(model, where, unwrap(options));
  }

  @Override
  public Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return delegate.updateAttributes(model, id, data, unwrap(options));
  }

  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return delegate.replaceById(model, id, data, unwrap(options));
  }

  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    return delegate.pushdown(model, filter);
  }

  @Override
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    return delegate.createAll(model, data, unwrap(options));
  }

  @Override
  public UpsertResult updateOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    return delegate.updateOrCreate(model, id, data, unwrap(options));
  }

  @Override
  public UpsertResult replaceOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    return delegate.replaceOrCreate(model, id, data, unwrap(options));
  }

  @Override
  public UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    return delegate.upsertWithWhere(model, where, data, unwrap(options));
  }

  @Override
  public UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    return delegate.findOrCreate(model, filter, data, unwrap(options));
  }

  @Override
  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
    return new ForwardingTransaction(this, delegate.beginTransaction(isolation, timeout), timeout);
  }

  @Override
  public void automigrate(List<ModelDefinition> models) {
    delegate.automigrate(models);
  }

  @Override
  public void autoupdate(List<ModelDefinition> models, boolean destructive) {
    delegate.autoupdate(models, destructive);
  }

  @Override
  public boolean isActual(List<ModelDefinition> models) {
    return delegate.isActual(models);
  }

  @Override
  public List<Map<String, Object>> discoverModelDefinitions(Map<String, Object> options) {
    return delegate.discoverModelDefinitions(options);
  }

  @Override
  public List<Map<String, Object>> discoverModelProperties(
      String table, Map<String, Object> options) {
    return delegate.discoverModelProperties(table, options);
  }

  @Override
  public List<Map<String, Object>> discoverPrimaryKeys(String table, Map<String, Object> options) {
    return delegate.discoverPrimaryKeys(table, options);
  }

  @Override
  public List<Map<String, Object>> discoverForeignKeys(String table, Map<String, Object> options) {
    return delegate.discoverForeignKeys(table, options);
  }

  @Override
  public Map<String, Object> discoverSchemas(String table, Map<String, Object> options) {
    return delegate.discoverSchemas(table, options);
  }

  @Override
  public Object execute(String command, List<Object> params, Options options) {
    return delegate.execute(command, params, unwrap(options));
  }

  @Override
  public Object invoke(
      ModelDefinition model, String method, Map<String, Object> args, Options options) {
    return delegate.invoke(model, method, args, unwrap(options));
  }

  /**
   * A transaction of the forwarding connector around one of the delegate. It carries the same
   * timeout, so that it finishes when the delegate's does.
   */
  static class ForwardingTransaction extends Transaction {
    final Transaction delegate;

    ForwardingTransaction(Connector owner, Transaction delegate, Duration timeout) {
      this(owner, delegate, delegate.isolation(), timeout);
    }

    ForwardingTransaction(
        Connector owner, Transaction delegate, IsolationLevel isolation, Duration timeout) {
      super(owner, isolation, timeout);
      this.delegate = delegate;
    }

    @Override
    protected void doCommit() {
      delegate.commit();
    }

    @Override
    protected void doRollback() {
      if (delegate.isActive()) {
        delegate.rollback();
      }
    }
  }
}
