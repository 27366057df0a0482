package dev.parallelrun.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The architecture rules every module is held to, in one place, each with the reason it exists.
 *
 * <p>Modules are laid out by capability and then by role: {@code <base>.<capability>.domain} (the business
 * rules, plain Java), {@code .application} (use cases: what happens when an intent or an outcome arrives),
 * and the adapters around them ({@code messaging}, {@code persistence}, {@code web}, {@code config}). A
 * module's test calls {@link #checkAll(String)} with its base package; a rule that does not apply to a
 * module (it has no {@code domain} package, say) passes vacuously, so adding a capability never needs a
 * new rule.
 */
public final class ArchitectureRules {

    /**
     * Packages any domain may use: the JDK (cryptography included, for keyed hashes); the canonical event model, which is plain Java by contract; and
     * Jackson's tree model, because outcomes are JSON documents and the event model carries their data as a
     * {@code JsonNode}: a comparison that walks fields needs the tree as a value type, not a transport.
     */
    private static final String[] DOMAIN_MAY_USE = {"java..", "javax.crypto..", "dev.parallelrun.events..", "tools.jackson.databind.."};

    private ArchitectureRules() {
    }

    /** The module's production classes under {@code basePackage}. */
    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** Checks every rule against the module's production classes under {@code basePackage}. */
    public static void checkAll(String basePackage) {
        JavaClasses classes = productionClasses(basePackage);
        for (ArchRule rule : rules(basePackage)) {
            rule.check(classes);
        }
    }

    /** Every rule, for a module whose classes live under {@code basePackage}. */
    public static List<ArchRule> rules(String basePackage) {
        return List.of(
                domainIsPlainJava(basePackage),
                applicationKnowsNoTransport(basePackage),
                adaptersDoNotCallEachOther(basePackage),
                noFieldInjection(),
                capabilitiesAreFreeOfCycles(basePackage));
    }

    /** A domain package depends on the JDK, the event model and other domain packages of its module only. */
    public static ArchRule domainIsPlainJava(String basePackage) {
        String[] allowed = new String[DOMAIN_MAY_USE.length + 1];
        System.arraycopy(DOMAIN_MAY_USE, 0, allowed, 0, DOMAIN_MAY_USE.length);
        allowed[DOMAIN_MAY_USE.length] = basePackage + "..domain..";
        return classes().that().resideInAPackage(basePackage + "..domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("business rules are what a parallel run compares and an auditor reads; they must be "
                        + "testable without Spring, Kafka or a database, and the shared event model is the only "
                        + "outside vocabulary they may speak (it is plain Java by contract)")
                .allowEmptyShould(true);
    }

    /** Use cases speak to ports, never to Kafka, JDBC or HTTP, nor to the adapters that implement the ports. */
    public static ArchRule applicationKnowsNoTransport(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.jdbc..",
                        "org.springframework.web..", "jakarta.servlet..",
                        basePackage + "..messaging..", basePackage + "..persistence..", basePackage + "..web..")
                .because("a use case must read the same whether an intent came from Kafka or a test, so that "
                        + "transports can change (and be faked in unit tests) without touching business flow")
                .allowEmptyShould(true);
    }

    /** The adapters (messaging, persistence, web) meet only through the application layer. */
    public static ArchRule adaptersDoNotCallEachOther(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..persistence..")
                .should().dependOnClassesThat().resideInAnyPackage(basePackage + "..web..", basePackage + "..messaging..")
                .because("storage must not know how requests arrive; otherwise a change of transport becomes "
                        + "a schema change")
                .allowEmptyShould(true);
    }

    /** Dependencies arrive through constructors. */
    public static ArchRule noFieldInjection() {
        return noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .because("constructor injection keeps dependencies visible and final, and lets unit tests build "
                        + "a class without Spring (STYLE.md)")
                .allowEmptyShould(true);
    }

    /**
     * The module's top-level capabilities (the packages right under the base) do not depend on each other in
     * a cycle. The composition root ({@code <base>.config}) is exempt both ways: it wires every capability and
     * holds the properties they read, which is its job, not a cycle of business dependencies.
     */
    public static ArchRule capabilitiesAreFreeOfCycles(String basePackage) {
        String compositionRoot = basePackage + ".config..";
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage(compositionRoot), alwaysTrue())
                .ignoreDependency(alwaysTrue(), resideInAPackage(compositionRoot))
                .because("a cycle between capabilities means neither can be understood, tested or moved alone")
                .allowEmptyShould(true);
    }
}
