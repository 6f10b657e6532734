package io.patchproof.schedule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * schedule → job, as the command line: the scheduler knows what a fire is, and the command line
 * carries it out ({@link ScheduledRuns}); the schedule knows nothing of the command line, nor of
 * what a run does inside.
 */
class SchedulePackageTests {

    @Test
    void scheduleDependsOnTheJobPackageOnlyNeverOnTheCommandLineOrWhatARunDoes() {
        JavaClasses schedule = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.patchproof.schedule");

        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.patchproof.cli..", "io.patchproof.source..", "io.patchproof.reconcile..",
                        "io.patchproof.report..", "io.patchproof.history..", "io.patchproof.demo..")
                .check(schedule);
    }
}
