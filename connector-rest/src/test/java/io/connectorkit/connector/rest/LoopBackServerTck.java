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
   * Tests on which a LoopBack server answers differently from the contract, for one reason.
   *
   * @param tests {@code Section.method} of the TCK
   * @param lb3 what LoopBack 3 does, or null when it passes
   * @param lb4 what LoopBack 4 does, or null when it passes
   * @param ours what ConnectorKit does about it
   */
  record Deviation(List<String> tests, String lb3, String lb4, String ours) {
    Deviation {
      tests = List.copyOf(requireNonNull(tests, "tests is null"));
      requireNonNull(ours, "ours is null");
    }

    Optional<String> on(LoopBackNodeServer.Version version) {
      return Optional.ofNullable(version == LoopBackNodeServer.Version.LB3 ? lb3 : lb4);
    }
  }

  /**
   * The deviations; connector-rest/README.md's table "Against real LoopBack servers" lists them.
   */
  static final List<Deviation> DEVIATIONS =
      List.of(
          new Deviation(
              List.of(
                  "Operations.deleteAllDeletesMatchingRecordsAndCountsThem",
                  "Operations.deleteAllWithoutWhereDeletesEveryRecord",
                  "Where.nestedPathsWorkInCountUpdateAllAndDeleteAll"),
              "no route deletes by a where (only DELETE /{id}): 404",
              "no route deletes by a where (only DELETE /{id}): 404",
              "deleteById works; deleteAll with another where uses ConnectorKit's DELETE U?where="
                  + " extension, which a plain LoopBack server answers 404 (BACKEND_ERROR)"),
          new Deviation(
              List.of(
                  "Operations.createWithAnExistingIdIsADuplicateKey",
                  "Operations.batchWithADuplicateIdIsADuplicateKeyAndWithBatchCreateWritesNothing",
                  "ModelRules.aNonGeneratedIdIsChosenByTheClient",
                  "ModelRules.forceIdFalseAllowsAClientChosenId",
                  "ModelRules.forceIdFalseAllowsAClientNumberIdOnAGeneratedNumberId",
                  "ModelRules.nextGeneratedIdFollowsAnExplicitId",
                  "ModelRules.compositeIdWithAMissingPartIsAnInvalidArgument",
                  "ModelRules.defaultsApplyWheneverARecordIsCreated",
                  "Ordering.withoutOrderRowsComeInIdOrder",
                  "Ordering.withoutOrderStringIdsComeInIdOrder"),
              null,
              "rest-crud's create leaves the id out of its body schema: a client-chosen id is"
                  + " refused with 422, even with forceId: false",
              "a 422 is VALIDATION_FAILED; create through a controller that accepts ids"),
          new Deviation(
              List.of(
                  "ModelRules.idOperationsOnAModelWithoutIdAreInvalid",
                  "ModelRules.modelWithoutIdStoresAndFindsRecords"),
              null,
              "a DefaultCrudRepository needs an id property: a model without one cannot be served",
              "models without id work only against servers that serve them"),
          new Deviation(
              List.of(
                  "Operations.updateByIdPatchesAndReturnsTheUpdatedEntity",
                  "Operations.updateAllAppliesNoDefaults",
                  "ModelRules.anExplicitValueOrNullOverridesTheDefault",
                  "ModelRules.defaultsAreAppliedAgainOnReplace",
                  "ModelRules.defaultsAreNeverAppliedByAPatch"),
              null,
              "the body schema is not nullable: a patch setting null, or null on a property with"
                  + " a default, is refused with 422",
              "create and replace leave out null properties without a default; a patch or a"
                  + " defaulted property keeps its null, and the 422 is VALIDATION_FAILED"),
          new Deviation(
              List.of(
                  "Operations.uniqueIndexViolationIsADuplicateKeyAndWritesNothing",
                  "Operations.batchWithAUniqueValueTwiceIsADuplicateKeyAndWithBatchCreateWritesNothing"),
              "the memory connector ignores unique indexes: the second value is stored",
              "the memory connector ignores unique indexes: the second value is stored",
              "a 409 or a LoopBack error with code DUPLICATE_KEY maps to DUPLICATE_KEY; the server"
                  + " must enforce the index"),
          new Deviation(
              List.of(
                  "ModelRules.compositeIdFindsByAnObjectOfItsParts",
                  "ModelRules.compositeIdIsUniqueOnlyAsAWhole",
                  "ModelRules.compositeIdWorksWithUpdateExistsAndDeleteById"),
              "the memory connector keys rows by the first id property only: 409 Duplicate entry",
              "the memory connector keys rows by the first id property only: 409 Duplicate entry",
              "composite ids go through the where routes; they need a server that stores them"),
          new Deviation(
              List.of("ModelRules.generatedIdIsGreaterThanEveryPresentId"),
              "the memory connector's next id skips one after a client-chosen id (42, not 41)",
              "the memory connector's next id skips one after a client-chosen id (42, not 41)",
              "ids are the server's"),
          new Deviation(
              List.of(
                  "ModelRules.hiddenPropertiesAreStoredAndQueryableButNeverReturned",
                  "FieldSelection.hiddenPropertiesCanBeQueriedButAreNotReturned"),
              "a where on a hidden property is dropped from REST queries"
                  + " (prohibitHiddenPropertiesInQuery), so it matches every row",
              null,
              "the where is sent as is; the server decides"),
          new Deviation(
              List.of("Paging.skipWithoutLimitReturnsAllRemainingRows"),
              "the memory connector returns at most 100 rows after a skip without limit",
              "the memory connector returns at most 100 rows after a skip without limit",
              "skip is sent as is; pass a limit"),
          new Deviation(
              List.of(
                  "Where.likeFamily",
                  "Where.andOrAndSeveralOperators",
                  "Where.likeBackslashEscapesPercentUnderscoreAndBackslash",
                  "Where.likeEscapesWorkInJsonToo",
                  "Where.likeTreatsRegexAndSqlSpecialCharactersLiterally",
                  "Where.likeUnderscoreMatchesExactlyOneCharacter",
                  "Where.likeNeverMatchesANonStringStoredValueOfAnAnyProperty",
                  "Where.undeclaredKeyAddressesTheFreeFormPropertyOnNonStrictModels"),
              "the memory connector's like is an unanchored regular expression: no whole-string"
                  + " match, no \\ escapes, . is a wildcard, numbers match",
              "the memory connector's like is an unanchored regular expression: no whole-string"
                  + " match, no \\ escapes, . is a wildcard, numbers match",
              "like is sent as is; the server's memory connector evaluates it"),
          new Deviation(
              List.of(
                  "Where.exists",
                  "Where.negativeOperatorIsTheExactComplementOfItsPositiveTwin",
                  "Where.nestedPathsReachIntoObjectsAndArraysOfObjects",
                  "Where.arrayValuedPropertyMatchesWhenAnyElementMatches",
                  "Where.emptyArrayMatchesEveryNegativeOperator",
                  "Where.comparisons",
                  "Where.regexp",
                  "Where.valuesAreCoercedByThePropertyType"),
              "the memory connector has no exists, compares null bounds, and matches arrays and"
                  + " nested paths (regexp on address.city, neq/nin on arrays) its own way",
              "the memory connector has no exists, compares null bounds, and matches arrays and"
                  + " nested paths (regexp on address.city, neq/nin on arrays) its own way",
              "the where is sent as is; the server evaluates it"),
          new Deviation(
              List.of(
                  "Where.stringComparisonsAreByUnicodeCodePoint",
                  "Ordering.stringsSortByUnicodeCodePoint"),
              "JavaScript compares strings by UTF-16 unit, not by code point",
              "JavaScript compares strings by UTF-16 unit, not by code point",
              "order and comparisons are the server's"),
          new Deviation(
              List.of("Where.regexpFlagsMultilineAndDotall"),
              "400 Invalid regex flags: s",
              "400 Invalid regex flags: s",
              "the /pat/flags form is sent as is"),
          new Deviation(
              List.of("Where.whereNestedDeeperThan32LevelsIsInvalid"),
              "400: the query object exceeds maximum depth 12",
              "400: the query object exceeds maximum depth 12",
              "a 400 is INVALID_ARGUMENT"),
          new Deviation(
              List.of(
                  "Ordering.nullAndMissingSortFirstAscendingLastDescending",
                  "Ordering.orderByNameStringFormIsAscending",
                  "Ordering.orderByNameDescending",
                  "Ordering.javaApiOrder",
                  "Ordering.arrayForm",
                  "Ordering.booleansSortFalseBeforeTrue",
                  "Ordering.severalKeysInTheStringForm",
                  "Ordering.findOneHonoursOrder"),
              "the memory connector does not break ties by id, and orders null against missing"
                  + " values its own way",
              "the memory connector does not break ties by id, and orders null against missing"
                  + " values its own way",
              "order is sent as is; the server sorts"));

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
        if (deviation.tests().contains(test) && behaviour.isPresent()) {
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
