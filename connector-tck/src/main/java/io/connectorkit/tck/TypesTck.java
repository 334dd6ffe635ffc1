package io.connectorkit.tck;

/** C2 data values: round trips and coercion. */
public abstract class TypesTck extends TckSection {
  protected TypesTck(ConnectorTck tck) {
    super(tck);
  }
}
