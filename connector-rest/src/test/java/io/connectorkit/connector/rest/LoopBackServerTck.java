package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.tck.ConnectorTck;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The TCK's CRUD sections through the REST connector against a real LoopBack server (one per test
 * class, see {@link LoopBackNodeServer}). The other sections need what a LoopBack server does not
 * offer over REST (transactions, hooks on the server's side, linked datasources) and run against
 * the in-test {@link LoopBackServer} in {@link RestConnectorTckTest}. Where LoopBack genuinely
 * answers differently from the contract, the test is skipped here with the reason from {@link
 * #DEVIATIONS}, which the module README's table repeats; the TCK's assertions stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LoopBackServerTck.Sections.class)
abstract class LoopBackServerTck extends ConnectorTck {
  /**
   * The CRUD sections (the nested classes of {@link ConnectorTck}): model rules, the C3 operations
   * (create, find, findById, count, updates, deletes), and the filters the connector pushes down:
   * where, order, paging and fields.
   */
  static final Set<String> CRUD_SECTIONS =
      Set.of("ModelRules", "Operations", "Where", "Ordering", "Paging", "FieldSelection");

  /**
   * A test on which a LoopBack server answers differently from the contract.
   *
   * @param test {@code Section.method} of the TCK
   * @param lb3 what LoopBack 3 does, or null when it passes
   * @param lb4 what LoopBack 4 does, or null when it passes
   * @param ours what ConnectorKit does about it
   */
  record Deviation(String test, String lb3, String lb4, String ours) {
    Deviation {
      requireNonNull(test, "test is null");
      requireNonNull(ours, "ours is null");
    }

    Optional<String> on(LoopBackNodeServer.Version version) {
      return Optional.ofNullable(version == LoopBackNodeServer.Version.LB3 ? lb3 : lb4);
    }
  }

  /**
   * The deviations; connector-rest/README.md's table "Against real LoopBack servers" lists them.
   */
  static final List<Deviation> DEVIATIONS = List.of();

  private LoopBackNodeServer server;

  /** Which LoopBack. */
  abstract LoopBackNodeServer.Version version();

  @BeforeAll
  void startServer() {
    server = LoopBackNodeServer.start(version());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected DataSource createDataSource() {
    return DataSources.create(
        "tck",
        Map.of(
            "connector",
            "rest",
            "baseURL",
            server.baseUrl(),
            "api",
            version().dialect().name().toLowerCase(Locale.ROOT)));
  }

  /** LoopBack defines the model afresh and empties it; the connector only names it. */
  @Override
  protected void reset(DataSource db, ModelDefinition model) {
    server.define(model);
  }

  /** Runs the CRUD sections only, and skips the deviations of the class's LoopBack version. */
  static final class Sections implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Optional<Class<?>> section =
          context.getTestClass().filter(type -> type.getEnclosingClass() == ConnectorTck.class);
      if (section.isEmpty()) {
        return ConditionEvaluationResult.enabled("not a TCK section");
      }
      String name = section.get().getSimpleName();
      if (!CRUD_SECTIONS.contains(name)) {
        return ConditionEvaluationResult.disabled(
            "not a CRUD section: against real LoopBack servers only "
                + CRUD_SECTIONS
                + " run; RestConnectorTckTest runs every section against the in-test server");
      }
      if (context.getTestMethod().isEmpty()) {
        return ConditionEvaluationResult.enabled("a CRUD section");
      }
      String test = name + "." + context.getRequiredTestMethod().getName();
      LoopBackNodeServer.Version version = version(context);
      for (Deviation deviation : DEVIATIONS) {
        Optional<String> behaviour = deviation.on(version);
        if (deviation.test().equals(test) && behaviour.isPresent()) {
          return ConditionEvaluationResult.disabled(
              version
                  + " deviates from the contract: "
                  + behaviour.get()
                  + " — "
                  + deviation.ours());
        }
      }
      return ConditionEvaluationResult.enabled("no known deviation");
    }

    private static LoopBackNodeServer.Version version(ExtensionContext context) {
      for (Optional<ExtensionContext> c = Optional.of(context);
          c.isPresent();
          c = c.get().getParent()) {
        Optional<Class<?>> type = c.get().getTestClass();
        if (type.isPresent() && RestLoopBack3TckTest.class.isAssignableFrom(type.get())) {
          return LoopBackNodeServer.Version.LB3;
        }
        if (type.isPresent() && RestLoopBack4TckTest.class.isAssignableFrom(type.get())) {
          return LoopBackNodeServer.Version.LB4;
        }
      }
      throw new IllegalStateException("not a LoopBack server TCK: " + context.getUniqueId());
    }
  }
}
