package io.connectorkit.tck;

/** C6 lifecycle. */
public abstract class LifecycleTck extends TckSection {
  protected LifecycleTck(ConnectorTck tck) {
    super(tck);
  }
}
