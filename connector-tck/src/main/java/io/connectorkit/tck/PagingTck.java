package io.connectorkit.tck;

/** C4.3 limit, skip, offset. */
public abstract class PagingTck extends TckSection {
  protected PagingTck(ConnectorTck tck) {
    super(tck);
  }
}
