package io.connectorkit.tck;

/** C3 upsert, replaceOrCreate, upsertWithWhere, findOrCreate. */
public abstract class UpsertTck extends TckSection {
  protected UpsertTck(ConnectorTck tck) {
    super(tck);
  }
}
