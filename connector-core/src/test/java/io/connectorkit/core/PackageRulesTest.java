package io.connectorkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on connector-core's compiled classes: no
 * package cycle, and each layer depends only on the layers below it.
 */
class PackageRulesTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.connectorkit.core");

  /** Every package is its own slice, the root package included. */
  private static final SliceAssignment BY_PACKAGE =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
          return "packages of connector-core";
        }
      };

  @Test
  void corePackagesHaveNoCycle() {
    slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(CORE);
  }

  @Test
  void commonVocabularyDependsOnNoOtherCorePackage() {
    noClasses()
        .that()
        .resideInAPackage("io.connectorkit.core.common")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.connectorkit.core",
            "io.connectorkit.core.model..",
            "io.connectorkit.core.filter..",
            "io.connectorkit.core.spi..",
            "io.connectorkit.core.annotation..")
        .check(CORE);
  }

  @Test
  void modelAndFilterDependOnNeitherTheSpiNorTheEntryPoints() {
    noClasses()
        .that()
        .resideInAnyPackage("io.connectorkit.core.model..", "io.connectorkit.core.filter..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.connectorkit.core", "io.connectorkit.core.spi..")
        .check(CORE);
  }

  @Test
  void theSpiDoesNotDependOnTheUserEntryPoints() {
    noClasses()
        .that()
        .resideInAPackage("io.connectorkit.core.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.connectorkit.core")
        .check(CORE);
  }
}
