package dev.parallelrun.ingress.config;

import dev.parallelrun.events.EventCodec;
import dev.parallelrun.ingress.intent.schema.IntentSchema;
import dev.parallelrun.ingress.intent.schema.IntentSchemaCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the intent schema folder: {@code <context>/<IntentType>.schema.json}, from the classpath
 * ({@code intent-schemas/}, the schemas shipped with the service) and then from an external directory
 * ({@code ingress.schemas.directory}), whose file replaces a shipped one at the same path. A file must sit
 * where its {@code x-event-type} says (context folder, intent type file name), so the folder is an index
 * a reader can trust.
 */
final class IntentSchemaFiles {

    static final String CLASSPATH_FOLDER = "intent-schemas";
    static final String SUFFIX = ".schema.json";

    private static final Logger log = LoggerFactory.getLogger(IntentSchemaFiles.class);

    private final IntentSchemaCompiler compiler;
    /** Numbers as exact decimals, as the body reader reads them: {@code exclusiveMaximum: 1e12} stays exact. */
    private final JsonMapper mapper = EventCodec.standard().mapper();

    IntentSchemaFiles(IntentSchemaCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * Every intent schema found.
     *
     * @param directory the external directory, or {@code null} for none
     * @throws IllegalStateException when a file cannot be read or is not a usable intent schema
     */
    List<IntentSchema> load(Path directory) {
        Map<String, IntentSchema> byPath = new LinkedHashMap<>();
        try {
            Resource[] shipped = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + CLASSPATH_FOLDER + "/*/*" + SUFFIX);
            for (Resource resource : shipped) {
                String context = contextOf(resource);
                String relative = context + "/" + resource.getFilename();
                try (InputStream in = resource.getInputStream()) {
                    byPath.put(relative, compile("classpath:" + CLASSPATH_FOLDER + "/" + relative, relative, in));
                }
            }
            if (directory != null) {
                if (!Files.isDirectory(directory)) {
                    throw new IllegalStateException("ingress.schemas.directory " + directory + " is not a directory");
                }
                for (Path file : files(directory)) {
                    String relative = directory.relativize(file).toString().replace('\\', '/');
                    try (InputStream in = Files.newInputStream(file)) {
                        IntentSchema schema = compile(file.toString(), relative, in);
                        if (byPath.put(relative, schema) != null) {
                            log.info("Intent schema {} replaces the shipped one", file);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the intent schemas", e);
        }
        List<IntentSchema> schemas = new ArrayList<>(byPath.values());
        schemas.forEach(schema -> log.info("Intent type {} from {} (personal fields: {})", schema.type().eventType(),
                schema.origin(), schema.personalDataPaths()));
        return schemas;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> found = Files.find(directory, 2, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().endsWith(SUFFIX) && path.getParent().getParent() != null
                && path.getParent().getParent().equals(directory))) {
            return found.sorted().toList();
        }
    }

    private static String contextOf(Resource resource) throws IOException {
        String url = resource.getURL().toString();
        String parent = url.substring(0, url.lastIndexOf('/'));
        return parent.substring(parent.lastIndexOf('/') + 1);
    }

    private IntentSchema compile(String origin, String relative, InputStream in) throws IOException {
        JsonNode document;
        try {
            document = mapper.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalStateException(origin + " is not well-formed JSON: " + e.getOriginalMessage(), e);
        }
        IntentSchema schema;
        try {
            schema = compiler.compile(origin, document);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Intent schema " + e.getMessage(), e);
        }
        String expected = schema.type().boundedContext() + "/" + schema.type().name() + SUFFIX;
        if (!expected.equals(relative)) {
            throw new IllegalStateException("Intent schema " + origin + " describes " + schema.type().eventType()
                    + ", so it belongs at " + expected + " in the schema folder, not at " + relative);
        }
        return schema;
    }
}
