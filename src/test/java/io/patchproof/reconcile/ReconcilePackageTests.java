package io.patchproof.reconcile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules are plain Java so that they can be read, tested and reused without the job around them. */
class ReconcilePackageTests {

    @Test
    void reconcileDependsOnNothingButTheJdk() {
        JavaClasses reconcile = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.patchproof.reconcile");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.patchproof.reconcile", "java..")
                .check(reconcile);
    }
}
