package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A caller's causal position on a replicated datasource, as a MongoDB causally consistent session
 * keeps one: a write made with this token in its {@link Options} advances it to the primary's
 * replication position, and a later read with it waits until the answering replica has applied that
 * position (or reads from the primary). Carry it between requests, e.g. in a session or a cookie,
 * with {@link #position()} and {@link #of(String)}. Thread-safe.
 */
public final class CausalToken {
  private final AtomicReference<@Nullable String> position;

  private CausalToken(@Nullable String position) {
    this.position = new AtomicReference<>(position);
  }

  /** A token that has seen no write yet: its first read may be served by any replica. */
  public static CausalToken create() {
    return new CausalToken(null);
  }

  /**
   * A token carried over from an earlier request.
   *
   * @param position a value of {@link #position()}; null or empty for none
   */
  public static CausalToken of(@Nullable String position) {
    return new CausalToken(position == null || position.isEmpty() ? null : position);
  }

  /**
   * The replication position this token has seen (a MariaDB GTID such as {@code 0-1-42}, a
   * PostgreSQL LSN such as {@code 0/3016038}), or null before the first write.
   */
  public @Nullable String position() {
    return position.get();
  }

  /**
   * Advances the token to {@code seen}, keeping whichever of the two positions is later. For
   * connectors, which know how their positions compare.
   *
   * @param seen the primary's position after a write; never null
   * @param later picks the later of two positions
   */
  public void advance(String seen, BinaryOperator<String> later) {
    requireNonNull(seen, "seen is null");
    requireNonNull(later, "later is null");
    position.accumulateAndGet(seen, (old, now) -> old == null ? now : later.apply(old, now));
  }

  /** The position, for logs; it holds no secret. */
  @Override
  public String toString() {
    return "CausalToken[" + position.get() + "]";
  }
}
