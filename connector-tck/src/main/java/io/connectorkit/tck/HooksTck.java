package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.present;
import static io.connectorkit.tck.CrudFixtures.row;
import static io.connectorkit.tck.CrudFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.HookContext;
import io.connectorkit.core.OperationHook;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * C9 hooks: operation hooks run in the contract's order whichever path a connector takes (native
 * upsert or the DAO's shim), may rewrite the query and the data; connector hooks see every native
 * call of every record operation, before and after, and a failing {@code before execute} stops the
 * call.
 */
public abstract class HooksTck extends TckSection {
  private static final String MODEL = "TckHooked";

  private Dao hooked;
  private final List<String> seen = new ArrayList<>();

  protected HooksTck(ConnectorTck tck) {
    super(tck);
  }

  @BeforeEach
  final void defineModel() {
    hooked =
        define(
            """
            {"name": "TckHooked", "forceId": false, "properties": {
              "id": {"type": "number", "id": true}, "name": "string", "qty": "number"}}
            """);
  }

  /** Records every operation hook of the model as {@code HOOK}. */
  private void observeAll() {
    for (OperationHook hook : OperationHook.values()) {
      db.observe(MODEL, hook, context -> seen.add(hook.name()));
    }
  }

  private List<String> hooksOf(ThrowingCallable operation) {
    seen.clear();
    try {
      operation.call();
    } catch (Throwable e) {
      throw new AssertionError("the operation failed: " + e, e);
    }
    return List.copyOf(seen);
  }

  /** The query an access hook sees: C9's access hook may rewrite it, so it always has one. */
  private static Filter queryOf(HookContext context) {
    return present(context.query(), "C9: an access hook sees the query", none(context));
  }

  /** The data a before save hook sees: C9's before save may change them, so it always has them. */
  private static Map<String, Object> dataOf(HookContext context) {
    return present(context.data(), "C9: a before save hook sees the data", none(context));
  }

  /** What a hook that saw nothing is shown as: which hook of which operation. */
  private static String none(HookContext context) {
    return "none (" + context.hook() + " of " + context.operation() + ")";
  }

  // ---------------------------------------------------------------- operation hooks

  @Test
  @ContractSection("C9")
  void createRunsBeforeSavePersistLoadedAfterSave() {
    observeAll();
    assertThat(hooksOf(() -> hooked.create(row("id", 1, "name", "a"))))
        .as("C9: the hooks of create, in the contract's order")
        .containsExactly("BEFORE_SAVE", "PERSIST", "LOADED", "AFTER_SAVE");
  }

  @Test
  @ContractSection("C9")
  void findRunsAccessThenLoadedForEveryRow() {
    hooked.create(row("id", 1, "name", "a"));
    hooked.create(row("id", 2, "name", "b"));
    observeAll();
    assertThat(hooksOf(() -> hooked.find(Filter.ALL)))
        .as("C9: find runs access once, then loaded once per row")
        .containsExactly("ACCESS", "LOADED", "LOADED");
  }

  @Test
  @ContractSection("C9")
  void updateByIdAndUpsertRunTheSaveHooksInOrder() {
    hooked.create(row("id", 1, "name", "a"));
    observeAll();
    List<String> save = List.of("BEFORE_SAVE", "PERSIST", "LOADED", "AFTER_SAVE");
    assertThat(hooksOf(() -> hooked.updateById(1, row("name", "b"))))
        .as("C9: the hooks of updateById")
        .containsSubsequence(save)
        .doesNotContain("BEFORE_DELETE", "AFTER_DELETE");
    assertThat(hooksOf(() -> hooked.upsert(row("id", 1, "name", "c"))))
        .as("C9: the hooks of an upsert that updates, native or emulated")
        .containsSubsequence(save)
        .endsWith("AFTER_SAVE");
    assertThat(hooksOf(() -> hooked.upsert(row("id", 2, "name", "d"))))
        .as("C9: the hooks of an upsert that creates, native or emulated")
        .containsSubsequence(save)
        .endsWith("AFTER_SAVE");
  }

  @Test
  @ContractSection("C9")
  void deleteAllRunsBeforeDeleteThenAfterDeleteWithTheWhere() {
    hooked.create(row("id", 1, "name", "a"));
    List<Where> wheres = new ArrayList<>();
    db.observe(MODEL, OperationHook.BEFORE_DELETE, context -> wheres.add(context.where()));
    db.observe(MODEL, OperationHook.AFTER_DELETE, context -> wheres.add(context.where()));
    observeAll();
    assertThat(hooksOf(() -> hooked.deleteAll(Where.eq("name", "a"))))
        .as("C9: the hooks of deleteAll")
        .containsExactly("BEFORE_DELETE", "AFTER_DELETE");
    assertThat(wheres)
        .as("C9: both delete hooks see the where")
        .hasSize(2)
        .allSatisfy(where -> assertThat(where).isNotNull());
  }

  @Test
  @ContractSection("C9")
  void anAccessHookRewritesTheQueryOfFindAndCount() {
    hooked.create(row("id", 1, "name", "a"));
    hooked.create(row("id", 2, "name", "b"));
    db.observe(
        MODEL,
        OperationHook.ACCESS,
        context -> context.setQuery(queryOf(context).withWhere(Where.eq("name", "b"))));
    assertThat(hooked.find(Filter.ALL))
        .as("C9: access may rewrite the query of find")
        .extracting(r -> r.get("name"))
        .containsExactly("b");
    assertThat(hooked.count(Where.all()))
        .as("C9: access may rewrite the query of count")
        .isEqualTo(1);
  }

  @Test
  @ContractSection("C9")
  void aBeforeSaveHookChangesWhatIsStored() {
    db.observe(MODEL, OperationHook.BEFORE_SAVE, context -> dataOf(context).put("qty", 7L));
    hooked.create(row("id", 1, "name", "a"));
    hooked.updateById(1, row("name", "b"));
    db.observe(MODEL, OperationHook.BEFORE_SAVE, context -> dataOf(context).put("qty", 8L));
    hooked.updateAll(Where.eq("id", 1), row("name", "c"));

    assertThat(stored(hooked, 1))
        .as("C9: before save may change the data the connector stores")
        .containsEntry("qty", 8L)
        .containsEntry("name", "c");
  }

  // ---------------------------------------------------------------- connector hooks

  /** Counts the native calls of one operation, before and after. */
  private static final class Calls implements ExecuteListener {
    final List<ExecuteContext> before = new ArrayList<>();
    final List<ExecuteContext> after = new ArrayList<>();

    @Override
    public void beforeExecute(ExecuteContext context) {
      before.add(context);
    }

    @Override
    public void afterExecute(ExecuteContext context) {
      after.add(context);
    }
  }

  @Test
  @ContractSection("C9")
  void everyRecordOperationIsSeenBeforeAndAfterItsNativeCalls() {
    Map<String, ThrowingCallable> operations = new java.util.LinkedHashMap<>();
    operations.put("create", () -> hooked.create(row("id", 1, "name", "a", "qty", 1)));
    operations.put("find", () -> hooked.find(Filter.where(Where.eq("name", "a"))));
    operations.put("findById", () -> hooked.findById(1));
    operations.put("count", () -> hooked.count(Where.eq("name", "a")));
    operations.put("updateAll", () -> hooked.updateAll(Where.eq("name", "a"), row("qty", 2)));
    operations.put("updateById", () -> hooked.updateById(1, row("qty", 3)));
    operations.put("replaceById", () -> hooked.replaceById(1, row("name", "a", "qty", 4)));
    operations.put("deleteById", () -> hooked.deleteById(1));
    operations.put("deleteAll", () -> hooked.deleteAll(Where.all()));
    for (Map.Entry<String, ThrowingCallable> operation : operations.entrySet()) {
      Calls calls = new Calls();
      db.addExecuteListener(calls);
      try {
        operation.getValue().call();
      } catch (Throwable e) {
        throw new AssertionError(operation.getKey() + " failed: " + e, e);
      } finally {
        db.removeExecuteListener(calls);
      }
      assertThat(calls.before)
          .as("C9: %s makes at least one native call that before execute sees", operation.getKey())
          .isNotEmpty()
          .allSatisfy(
              context ->
                  assertThat(context.request())
                      .as("C9: before execute sees the native request")
                      .isNotNull());
      assertThat(calls.after)
          .as("C9: after execute sees each native call of %s that before saw", operation.getKey())
          .hasSameSizeAs(calls.before)
          .allSatisfy(
              context ->
                  assertThat(context.error())
                      .as("C9: a successful native call completes without error")
                      .isNull());
    }
  }

  @Test
  @ContractSection("C9")
  void afterExecuteRunsForEveryBeforeExecuteAlsoWhenTheNativeCallFails() {
    hooked.create(row("id", 1, "name", "a", "qty", 1));
    Calls calls = new Calls();
    db.addExecuteListener(calls);
    ConnectorException failure;
    try {
      failure =
          assertError(
              ErrorCode.DUPLICATE_KEY,
              "C5: creating a second record with id 1 → DUPLICATE_KEY",
              () -> hooked.create(row("id", 1, "name", "b", "qty", 2)));
    } finally {
      db.removeExecuteListener(calls);
    }
    assertThat(calls.before)
        .as("C9: the failing create made a native call that before execute saw")
        .isNotEmpty();
    assertThat(calls.after)
        .as(
            "C9: after execute runs for every before execute, also when the native call fails"
                + " (a span or timer opened before must close); failure: %s",
            failure.getMessage())
        .hasSameSizeAs(calls.before);
    // A driver that throws hands after execute the error; an HTTP backend that answers 409 hands
    // it the error response (the exchange itself completed). Either way the hook sees the outcome.
    ExecuteContext last = calls.after.get(calls.after.size() - 1);
    boolean sawError = calls.after.stream().anyMatch(context -> context.error() != null);
    assertThat(sawError || last.response() != null)
        .as(
            "C9: the after execute of the failed native call carries its error (or the backend's"
                + " error response)")
        .isTrue();
  }

  @Test
  @ContractSection(value = "C9", records = false)
  void aRemoteCallIsSeenBeforeAndAfterItsNativeCall() {
    assumeFeature(Feature.OPERATIONS, "the TCK checks the hooks of a remote call");
    Optional<ConnectorTck.RemoteCall> sample = tck().remoteCall();
    Assumptions.assumeTrue(
        sample.isPresent(), "prerequisite ConnectorTck.remoteCall() names no remote call");
    Calls calls = new Calls();
    db.addExecuteListener(calls);
    Object result;
    try {
      result = hooked.invoke(sample.get().method(), sample.get().args(), Options.NONE);
    } finally {
      db.removeExecuteListener(calls);
    }
    assertThat(result).isEqualTo(sample.get().expected());
    assertThat(calls.before)
        .as("C9: a remote call is a native call that before execute sees, with its model")
        .isNotEmpty()
        .anySatisfy(context -> assertThat(context.model()).isEqualTo(MODEL));
    assertThat(calls.after)
        .as("C9: after execute sees the remote call's response")
        .hasSameSizeAs(calls.before)
        .anySatisfy(context -> assertThat(context.response()).isNotNull());
  }

  @Test
  @ContractSection("C9")
  void aFailingBeforeExecuteHookStopsTheWrite() {
    ExecuteListener refuse =
        new ExecuteListener() {
          @Override
          public void beforeExecute(ExecuteContext context) {
            throw new ConnectorException(ErrorCode.CONNECTION_FAILED, "refused by a hook");
          }
        };
    db.addExecuteListener(refuse);
    ConnectorException refused;
    try {
      refused =
          assertError(
              ErrorCode.CONNECTION_FAILED,
              "C9: an exception of before execute is the operation's",
              () -> hooked.create(row("id", 1, "name", "a")));
    } finally {
      db.removeExecuteListener(refuse);
    }
    assertThat(refused.getMessage()).contains("refused by a hook");
    assertThat(hooked.count(Where.all()))
        .as("C9: a write whose before execute hook failed stores nothing")
        .isZero();
  }
}
