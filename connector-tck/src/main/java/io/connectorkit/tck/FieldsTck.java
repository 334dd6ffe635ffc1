package io.connectorkit.tck;

/** C4.4 fields. */
public abstract class FieldsTck extends TckSection {
  protected FieldsTck(ConnectorTck tck) {
    super(tck);
  }
}
