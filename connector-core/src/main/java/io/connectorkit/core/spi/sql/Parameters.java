package io.connectorkit.core.spi.sql;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The bound values of a {@link ParameterizedSql}: an unmodifiable list that keeps nulls (SQL NULL)
 * and is shared, not copied, by statements built from it. Statement building appends many small
 * parts; copying every part's list twice per append was half of a find's SQL building in the
 * benchmark's profile (docs/performance.md).
 */
final class Parameters extends AbstractList<Object> implements RandomAccess {
  private static final Parameters EMPTY = new Parameters(new Object[0]);

  private final Object[] values;

  private Parameters(Object[] values) {
    this.values = values;
  }

  /** {@code list} itself when it is already frozen, else a copy. */
  static Parameters of(List<?> list) {
    if (list instanceof Parameters frozen) {
      return frozen;
    }
    return list.isEmpty() ? EMPTY : new Parameters(list.toArray());
  }

  /** {@code first}'s values followed by {@code second}'s, copied once. */
  static Parameters concat(List<?> first, List<?> second) {
    if (second.isEmpty()) {
      return of(first);
    }
    if (first.isEmpty()) {
      return of(second);
    }
    Object[] head = of(first).values;
    Object[] tail = of(second).values;
    Object[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return new Parameters(all);
  }

  @Override
  public Object get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Object[] toArray() {
    return values.clone();
  }
}
