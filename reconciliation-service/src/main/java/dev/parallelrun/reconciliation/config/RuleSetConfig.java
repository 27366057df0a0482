package dev.parallelrun.reconciliation.config;

import dev.parallelrun.reconciliation.rules.domain.Redactor;
import dev.parallelrun.reconciliation.rules.domain.RuleBasedComparator;
import dev.parallelrun.reconciliation.rules.domain.RuleSet;
import dev.parallelrun.reconciliation.rules.yaml.RuleSetParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Loads and validates the rule sets at start-up, before anything is compared: a bad file, two rule
 * sets for one context, or a hashing rule without a key stops the service with a message that names
 * the file, the rule and the problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
class RuleSetConfig {

    private static final Logger log = LoggerFactory.getLogger(RuleSetConfig.class);

    @Bean
    RuleBasedComparator outcomeComparator(ReconciliationProperties properties) {
        var rules = properties.rules();
        List<RuleSet> ruleSets = load(rules.locations(), new PathMatchingResourcePatternResolver());
        String key = rules.redactionKey() == null || rules.redactionKey().isBlank() ? null : rules.redactionKey();
        RuleBasedComparator comparator = new RuleBasedComparator(ruleSets, RuleSetParser.fallback(), new Redactor(key));
        for (RuleSet ruleSet : comparator.ruleSets()) {
            log.info("rule set {} for context {} from {}", ruleSet.version(), ruleSet.context(), ruleSet.source());
        }
        return comparator;
    }

    /** Every rule set file in the locations, in a stable order. */
    static List<RuleSet> load(List<String> locations, ResourcePatternResolver resolver) {
        List<RuleSet> out = new ArrayList<>();
        for (String location : locations) {
            List<Resource> files = files(location.trim(), resolver);
            if (files.isEmpty()) {
                throw new IllegalStateException("no rule set files (*.yml, *.yaml) found at " + location
                        + " (reconciliation.rules.locations)");
            }
            for (Resource file : files) {
                out.add(RuleSetParser.parse(name(location.trim(), file), read(file)));
            }
        }
        return out;
    }

    private static List<Resource> files(String location, ResourcePatternResolver resolver) {
        try {
            if (location.endsWith(".yml") || location.endsWith(".yaml")) {
                Resource file = resolver.getResource(location);
                return file.exists() ? List.of(file) : List.of();
            }
            String folder = location.endsWith("/") ? location : location + "/";
            // every classpath root, so that the location means the same wherever the jar sits on the classpath
            String search = folder.startsWith("classpath:") ? "classpath*:" + folder.substring("classpath:".length()) : folder;
            List<Resource> files = new ArrayList<>();
            for (String pattern : List.of("*.yml", "*.yaml")) {
                for (Resource resource : resolver.getResources(search + pattern)) {
                    if (resource.exists() && resource.isReadable()) {
                        files.add(resource);
                    }
                }
            }
            files.sort(Comparator.comparing(Resource::getFilename));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule sets at " + location, e);
        }
    }

    private static String name(String location, Resource file) {
        if (location.endsWith(".yml") || location.endsWith(".yaml")) {
            return location;
        }
        return (location.endsWith("/") ? location : location + "/") + file.getFilename();
    }

    private static byte[] read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule set " + file.getDescription(), e);
        }
    }
}
