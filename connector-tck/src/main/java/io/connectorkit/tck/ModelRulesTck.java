package io.connectorkit.tck;

/** C1.2 model rules: ids, forceId, strict, required, defaults, hidden. */
public abstract class ModelRulesTck extends TckSection {
  protected ModelRulesTck(ConnectorTck tck) {
    super(tck);
  }
}
