package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.filter.Where;

/**
 * What a connector enforces of a query (CONTRACT C4.6): it evaluates {@link #enforced()} and, when
 * {@link #orderEnforced()}, sorts; the core evaluates {@link #residual()}, and whenever a residual
 * remains it also sorts and pages itself.
 *
 * @param enforced the part of the where the connector evaluates, never null
 * @param residual the part the core evaluates in memory; {@link Where#all()} for none
 * @param orderEnforced whether the connector sorts by the filter's order (with the id tie-break)
 */
public record Pushdown(Where enforced, Where residual, boolean orderEnforced) {
  /**
   * Checks the parts.
   *
   * @throws NullPointerException if {@code enforced} or {@code residual} is null
   */
  public Pushdown {
    requireNonNull(enforced, "enforced is null");
    requireNonNull(residual, "residual is null");
  }

  /**
   * The connector enforces the whole where and the order.
   *
   * @param where never null
   */
  public static Pushdown all(Where where) {
    return new Pushdown(where, Where.all(), true);
  }

  /**
   * The connector enforces nothing: the core filters, sorts and pages.
   *
   * @param where never null
   */
  public static Pushdown none(Where where) {
    return new Pushdown(Where.all(), where, false);
  }

  /**
   * Whether the connector enforces the whole query: no residual and the order enforced, so it also
   * skips and limits.
   */
  public boolean isComplete() {
    return residual.isAll() && orderEnforced;
  }
}
