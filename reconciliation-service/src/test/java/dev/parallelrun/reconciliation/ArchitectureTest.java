package dev.parallelrun.reconciliation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.parallelrun.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parallelrun.reconciliation");

    @Test
    void domainKnowsNoFrameworks() {
        noClasses().that().resideInAPackage("..reconciliation..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..")
                .check(classes);
    }

    @Test
    void rulesKnowNoFileFormat() {
        noClasses().that().resideInAPackage("..reconciliation.rules.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..reconciliation.rules.yaml..", "tools.jackson.dataformat..")
                .check(classes);
    }

    @Test
    void correlationDoesNotTouchTheDatabaseOrTheWeb() {
        noClasses().that().resideInAPackage("..reconciliation.correlation..")
                .should().dependOnClassesThat().resideInAnyPackage("..reconciliation..persistence..", "..reconciliation..web..",
                        "java.sql..", "org.springframework.jdbc..")
                .check(classes);
    }

    /** The rules every module is held to (test-support's {@link ArchitectureRules}, each with its reason). */
    @Test
    void followsThePlatformsArchitectureRules() {
        ArchitectureRules.checkAll("dev.parallelrun.reconciliation");
    }
}
