package dev.parallelrun.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.parallelrun.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    /** The rules every module is held to (test-support's {@link ArchitectureRules}, each with its reason). */
    @Test
    void followsThePlatformsArchitectureRules() {
        ArchitectureRules.checkAll("dev.parallelrun.events");
    }

    /** The wire contracts are what every module shares, so they may drag no framework into any of them. */
    @Test
    void isPlainJavaWithoutSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..")
                .because("every module depends on the event model, the ingress and reconciliation as much as a "
                        + "team's shadow service: it must not choose a framework for them (ARCHITECTURE.md: plain Java)")
                .check(ArchitectureRules.productionClasses("dev.parallelrun.events"));
    }
}
