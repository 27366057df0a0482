package dev.parallelrun.adapter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.parallelrun.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class DomainArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parallelrun.adapter");

    @Test
    void keepsTheDomainFreeOfFrameworks() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "tools.jackson..", "com.fasterxml.jackson..", "jakarta..", "io.micrometer..", "java.sql..")
                .check(classes);
    }

    @Test
    void keepsTheApplicationLayerFreeOfTransportAndPersistence() {
        noClasses().that().resideInAPackage("..application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                        "org.springframework.jdbc..", "org.springframework.web..", "..messaging..", "..persistence..",
                        "..legacy..")
                .check(classes);
    }

    /** The rules every module is held to (test-support's {@link ArchitectureRules}, each with its reason). */
    @Test
    void followsThePlatformsArchitectureRules() {
        ArchitectureRules.checkAll("dev.parallelrun.adapter");
    }
}
