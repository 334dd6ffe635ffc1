package io.connectorkit.tck;

/** C3 atomicity under concurrency. */
public abstract class ConcurrencyTck extends TckSection {
  protected ConcurrencyTck(ConnectorTck tck) {
    super(tck);
  }
}
