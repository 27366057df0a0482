package dev.parallelrun.claims;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.parallelrun.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parallelrun.claims");

    @Test
    void domainDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("..claims.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.parallelrun.claims.domain..")
                .check(classes);
    }

    @Test
    void applicationKnowsNoTransport() {
        noClasses().that().resideInAPackage("..claims.application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.jdbc..",
                        "org.springframework.web..", "..claims.messaging..", "..claims.persistence..", "..claims.web..")
                .check(classes);
    }

    /** The rules every module is held to (test-support's {@link ArchitectureRules}, each with its reason). */
    @Test
    void followsThePlatformsArchitectureRules() {
        ArchitectureRules.checkAll("dev.parallelrun.claims");
    }
}
