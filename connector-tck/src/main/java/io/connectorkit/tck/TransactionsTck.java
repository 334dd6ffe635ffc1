package io.connectorkit.tck;

/** C8 transactions. */
public abstract class TransactionsTck extends TckSection {
  protected TransactionsTck(ConnectorTck tck) {
    super(tck);
  }
}
