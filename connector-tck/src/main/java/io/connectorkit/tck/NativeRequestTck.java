package io.connectorkit.tck;

import static io.connectorkit.tck.CrudFixtures.row;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.NativeCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * C9 native requests as hooks see them are true: every native call of a record operation is
 * described ({@code DataSource} listeners' {@link ExecuteContext#call()}) with the target it
 * addresses, and at least one call of each operation addresses the model's own storage (its table,
 * collection, resource path or operation), so that a log line, a metric or a span can name it.
 */
public abstract class NativeRequestTck extends TckSection {
  private static final String MODEL = "TckTarget";

  private Dao targets;

  protected NativeRequestTck(ConnectorTck tck) {
    super(tck);
  }

  @BeforeEach
  final void defineModel() {
    targets =
        define(
            """
            {"name": "TckTarget", "forceId": false, "properties": {
              "id": {"type": "number", "id": true}, "name": "string", "qty": "number"}}
            """);
  }

  /** Letters and digits only, lower case: a storage name may be pluralised, re-cased, dashed. */
  private static String squash(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static final class Described implements ExecuteListener {
    final List<NativeCall> calls = new ArrayList<>();

    @Override
    public void beforeExecute(ExecuteContext context) {
      if (MODEL.equals(context.model())) {
        calls.add(context.call());
      }
    }
  }

  @Test
  @ContractSection("C9")
  void everyRecordOperationsNativeRequestNamesTheModelsStorage() {
    Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
    operations.put("create", () -> targets.create(row("id", 1, "name", "a", "qty", 1)));
    operations.put("find", () -> targets.find(Filter.where(Where.eq("name", "a"))));
    operations.put("findById", () -> targets.findById(1));
    operations.put("count", () -> targets.count(Where.eq("name", "a")));
    operations.put("updateAll", () -> targets.updateAll(Where.eq("name", "a"), row("qty", 2)));
    operations.put("updateById", () -> targets.updateById(1, row("qty", 3)));
    operations.put("replaceById", () -> targets.replaceById(1, row("name", "a", "qty", 4)));
    operations.put("deleteById", () -> targets.deleteById(1));
    operations.put("deleteAll", () -> targets.deleteAll(Where.all()));
    for (Map.Entry<String, ThrowingCallable> operation : operations.entrySet()) {
      Described described = new Described();
      db.addExecuteListener(described);
      try {
        operation.getValue().call();
      } catch (Throwable e) {
        throw new AssertionError(operation.getKey() + " failed: " + e, e);
      } finally {
        db.removeExecuteListener(described);
      }
      assertThat(described.calls)
          .as(
              "C9: %s of %s makes native calls that hooks see with the model",
              operation.getKey(), MODEL)
          .isNotEmpty()
          .allSatisfy(
              call -> {
                assertThat(call.operation())
                    .as("C9: the native call's operation, in %s", call)
                    .isNotBlank();
                assertThat(call.target())
                    .as(
                        "C9: the native call of %s names its target, in %s",
                        operation.getKey(), call)
                    .isNotBlank();
              });
      assertThat(described.calls)
          .as(
              "C9: at least one native call of %s addresses the storage of model %s",
              operation.getKey(), MODEL)
          .anySatisfy(
              // Every call's target was asserted not blank just above.
              call ->
                  assertThat(squash(requireNonNull(call.target(), "target is null")))
                      .contains(squash(MODEL)));
    }
  }
}
