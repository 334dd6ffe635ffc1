package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.model.ModelDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The technology compatibility kit: every test of the contract ({@code docs/contract.md}, shipped
 * in this jar as {@code META-INF/connectorkit/contract.md}), grouped by section and tagged by area.
 * A connector author extends this class once and hands it a datasource:
 *
 * <pre>{@code
 * class MyConnectorTckTest extends ConnectorTck {
 *   @Override
 *   protected DataSource createDataSource() {
 *     return DataSources.create("tck", Map.of("connector", "my", "url", "..."));
 *   }
 * }
 * }</pre>
 *
 * <p>The features under test come from {@code Connector.features()}: a declared feature is tested
 * for behaviour, an undeclared one is still called and must fail with {@code UNSUPPORTED_OPERATION}
 * and the standard message. Tests are skipped only when a prerequisite is missing, and the skip
 * says which. Every failure message starts with the section it breaks, e.g. {@code docs/contract.md
 * C4.1:}.
 */
@ExtendWith(ContractCitation.class)
public abstract class ConnectorTck {
  /**
   * A new datasource for the connector under test; called before every test and closed after it.
   * Models are defined by the tests.
   */
  protected abstract DataSource createDataSource();

  /**
   * Empties the storage of a model the test just defined. The default drops and recreates it with
   * {@code automigrate} when the connector has {@link Feature#MIGRATION}, else deletes every
   * record; a connector without {@link Feature#CRUD} stores none. Override it for a backend that
   * needs something else.
   */
  protected void reset(DataSource db, ModelDefinition model) {
    Set<Feature> features = features(db);
    if (features.contains(Feature.MIGRATION)) {
      db.automigrate(model.name());
    } else if (features.contains(Feature.CRUD)) {
      db.dao(model.name()).deleteAll(io.connectorkit.core.filter.Where.all());
    }
  }

  /**
   * A remote operation for the check of {@link Feature#OPERATIONS}: the TCK invokes it and compares
   * the result. Empty by default; a connector that declares OPERATIONS without one is only checked
   * not to refuse {@code invoke}, and that test is reported as skipped, saying why.
   */
  protected Optional<RemoteCall> remoteCall() {
    return Optional.empty();
  }

  /**
   * One call of a named remote operation.
   *
   * @param method the method name, as {@code Dao.invoke} takes it
   * @param args its arguments
   * @param expected what {@code invoke} must return (compared with {@code equals})
   */
  public record RemoteCall(String method, Map<String, Object> args, Object expected) {
    public RemoteCall {
      requireNonNull(method, "method is null");
      args = Map.copyOf(requireNonNull(args, "args is null"));
      requireNonNull(expected, "expected is null");
    }
  }

  /** The features under test; by default what the connector declares. */
  protected Set<Feature> features(DataSource db) {
    return db.features();
  }

  /** C1.2 model rules: ids, forceId, strict, required, defaults, hidden. */
  @Nested
  @Tag("crud")
  @DisplayName("C1.2 model rules: ids, forceId, strict, required, defaults, hidden")
  class ModelRules extends ModelRulesTck {
    ModelRules() {
      super(ConnectorTck.this);
    }
  }

  /** C3 operations and result shapes. */
  @Nested
  @Tag("crud")
  @DisplayName("C3 operations and result shapes")
  class Operations extends CrudTck {
    Operations() {
      super(ConnectorTck.this);
    }
  }

  /** C3 upsert, replaceOrCreate, upsertWithWhere, findOrCreate. */
  @Nested
  @Tag("upsert")
  @DisplayName("C3 upsert, replaceOrCreate, upsertWithWhere, findOrCreate")
  class Upserts extends UpsertTck {
    Upserts() {
      super(ConnectorTck.this);
    }
  }

  /** C2 data values: round trips and coercion. */
  @Nested
  @Tag("types")
  @DisplayName("C2 data values: round trips and coercion")
  class Types extends TypesTck {
    Types() {
      super(ConnectorTck.this);
    }
  }

  /** C4.1 where: every operator. */
  @Nested
  @Tag("filter")
  @DisplayName("C4.1 where: every operator")
  class Where extends WhereTck {
    Where() {
      super(ConnectorTck.this);
    }
  }

  /** C4.5 include (relations). */
  @Nested
  @Tag("filter")
  @DisplayName("C4.5 include (relations)")
  class Includes extends IncludeTck {
    Includes() {
      super(ConnectorTck.this);
    }
  }

  /** C4.6 residual evaluation. */
  @Nested
  @Tag("filter")
  @DisplayName("C4.6 residual evaluation")
  class Residual extends ResidualTck {
    Residual() {
      super(ConnectorTck.this);
    }
  }

  /** C4.2 order. */
  @Nested
  @Tag("order")
  @DisplayName("C4.2 order")
  class Ordering extends OrderTck {
    Ordering() {
      super(ConnectorTck.this);
    }
  }

  /** C4.3 limit, skip, offset. */
  @Nested
  @Tag("paging")
  @DisplayName("C4.3 limit, skip, offset")
  class Paging extends PagingTck {
    Paging() {
      super(ConnectorTck.this);
    }
  }

  /** C4.4 fields. */
  @Nested
  @Tag("fields")
  @DisplayName("C4.4 fields")
  class FieldSelection extends FieldsTck {
    FieldSelection() {
      super(ConnectorTck.this);
    }
  }

  /** C5 errors. */
  @Nested
  @Tag("errors")
  @DisplayName("C5 errors")
  class Errors extends ErrorsTck {
    Errors() {
      super(ConnectorTck.this);
    }
  }

  /** C6 lifecycle. */
  @Nested
  @Tag("lifecycle")
  @DisplayName("C6 lifecycle")
  class Lifecycle extends LifecycleTck {
    Lifecycle() {
      super(ConnectorTck.this);
    }
  }

  /** C7 optional features, two-sided. */
  @Nested
  @Tag("features")
  @DisplayName("C7 optional features, two-sided")
  class Features extends FeaturesTck {
    Features() {
      super(ConnectorTck.this);
    }
  }

  /** C8 transactions. */
  @Nested
  @Tag("transactions")
  @DisplayName("C8 transactions")
  class Transactions extends TransactionsTck {
    Transactions() {
      super(ConnectorTck.this);
    }
  }

  /** C9 operation and connector hooks. */
  @Nested
  @Tag("hooks")
  @DisplayName("C9 hooks")
  class Hooks extends HooksTck {
    Hooks() {
      super(ConnectorTck.this);
    }
  }

  /** C3 atomicity under concurrency. */
  @Nested
  @Tag("concurrency")
  @DisplayName("C3 atomicity under concurrency")
  class Concurrency extends ConcurrencyTck {
    Concurrency() {
      super(ConnectorTck.this);
    }
  }

  /** C3 through typed repositories. */
  @Nested
  @Tag("repository")
  @DisplayName("C3 typed repositories")
  class Repositories extends RepositoryTck {
    Repositories() {
      super(ConnectorTck.this);
    }
  }

  /** C4.5 relations on typed repositories, accessors and linked datasources. */
  @Nested
  @Tag("relations")
  @DisplayName("C4.5 relations: typed includes, accessors, linked datasources")
  class Relations extends RelationTck {
    Relations() {
      super(ConnectorTck.this);
    }
  }

  /** C9 native requests name their target. */
  @Nested
  @Tag("hooks")
  @DisplayName("C9 native requests name their target")
  class NativeRequests extends NativeRequestTck {
    NativeRequests() {
      super(ConnectorTck.this);
    }
  }
}
