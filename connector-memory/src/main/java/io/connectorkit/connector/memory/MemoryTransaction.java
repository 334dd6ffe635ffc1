package io.connectorkit.connector.memory;

import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Transaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A memory transaction: snapshot isolation with optimistic concurrency. Writes are buffered per
 * table until commit; reads see committed state (or the snapshot taken at begin) plus the buffer.
 * The buffers are guarded by this object's monitor ({@link #run}, {@link #commit}).
 */
final class MemoryTransaction extends Transaction {
  /** A buffered delete. */
  static final Object TOMBSTONE = new Object();

  private final MemoryConnector owner;
  private final long startVersion;
  private final boolean snapshotReads;

  /**
   * Copies of tables as they were at begin, made by the first commit that changes a table after
   * this transaction began (tables nobody changed are read live). Written under the connector's
   * write lock, read under its read lock.
   */
  private final Map<String, Table> snapshots = new ConcurrentHashMap<>();

  private final Map<String, Buffer> buffers = new LinkedHashMap<>();
  private final Set<String> readTables = new HashSet<>();

  MemoryTransaction(
      MemoryConnector owner,
      IsolationLevel isolation,
      @Nullable Duration timeout,
      long startVersion) {
    super(owner, isolation, timeout);
    this.owner = owner;
    this.startVersion = startVersion;
    this.snapshotReads =
        isolation == IsolationLevel.REPEATABLE_READ || isolation == IsolationLevel.SERIALIZABLE;
  }

  long startVersion() {
    return startVersion;
  }

  boolean snapshotReads() {
    return snapshotReads;
  }

  /** Called under the write lock before a commit changes {@code live}. */
  void preserve(Table live) {
    if (snapshotReads) {
      snapshots.computeIfAbsent(live.name(), name -> live.snapshot());
    }
  }

  /** The table as this transaction reads it, before its own writes. */
  Table base(Table live) {
    return snapshotReads ? snapshots.getOrDefault(live.name(), live) : live;
  }

  Buffer buffer(String table) {
    return buffers.computeIfAbsent(table, name -> new Buffer());
  }

  Map<String, Buffer> buffers() {
    return buffers;
  }

  void markRead(String table) {
    readTables.add(table);
  }

  Set<String> readTables() {
    return readTables;
  }

  @Override
  protected void doCommit() {
    owner.commit(this);
    buffers.clear();
    snapshots.clear();
  }

  @Override
  protected void doRollback() {
    owner.release(this);
    buffers.clear();
    snapshots.clear();
  }

  /** The buffered writes of one table. */
  static final class Buffer {
    /** Key → row, or {@link #TOMBSTONE}; in write order. */
    final LinkedHashMap<Object, Object> writes = new LinkedHashMap<>();

    /** Key → the committed version the transaction's first write of the key was based on. */
    final Map<Object, Long> baselines = new HashMap<>();

    /** Keys this transaction inserted (absent from what it read). */
    final Set<Object> created = new HashSet<>();
  }
}
