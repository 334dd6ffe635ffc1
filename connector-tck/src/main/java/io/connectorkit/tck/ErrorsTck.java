package io.connectorkit.tck;

/** C5 errors. */
public abstract class ErrorsTck extends TckSection {
  protected ErrorsTck(ConnectorTck tck) {
    super(tck);
  }
}
