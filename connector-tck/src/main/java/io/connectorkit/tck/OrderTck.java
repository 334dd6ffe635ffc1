package io.connectorkit.tck;

/** C4.2 order. */
public abstract class OrderTck extends TckSection {
  protected OrderTck(ConnectorTck tck) {
    super(tck);
  }
}
