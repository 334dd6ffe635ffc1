package io.connectorkit.tck;

/** C3 operations and result shapes. */
public abstract class CrudTck extends TckSection {
  protected CrudTck(ConnectorTck tck) {
    super(tck);
  }
}
