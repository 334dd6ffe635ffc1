package io.connectorkit.tck;

/** C7 optional features, two-sided. */
public abstract class FeaturesTck extends TckSection {
  protected FeaturesTck(ConnectorTck tck) {
    super(tck);
  }
}
