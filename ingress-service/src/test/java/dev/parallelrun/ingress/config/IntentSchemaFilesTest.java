package dev.parallelrun.ingress.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.ingress.intent.schema.IntentSchema;
import dev.parallelrun.ingress.intent.schema.IntentSchemaCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentSchemaFilesTest {

    private final IntentSchemaFiles files = new IntentSchemaFiles(new IntentSchemaCompiler(Clock.systemUTC()));

    @TempDir
    Path directory;

    @Test
    void readsTheShippedSchemasWithoutAnExternalDirectory() {
        assertThat(files.load(null)).extracting(schema -> schema.type().eventType())
                .containsExactly("claims.ClaimSubmitted.v1", "pricing.QuoteRequested.v1");
    }

    @Test
    void addsTheSchemasOfTheExternalDirectory() throws IOException {
        write("policies/PolicyRenewed.schema.json", "policies.PolicyRenewed.v1", "\"type\": \"object\"");

        assertThat(files.load(directory)).extracting(schema -> schema.type().eventType())
                .containsExactlyInAnyOrder("claims.ClaimSubmitted.v1", "pricing.QuoteRequested.v1",
                        "policies.PolicyRenewed.v1");
    }

    @Test
    void aFileInTheExternalDirectoryReplacesTheShippedOneAtTheSamePath() throws IOException {
        write("claims/ClaimSubmitted.schema.json", "claims.ClaimSubmitted.v1", "\"type\": \"object\"");

        List<IntentSchema> schemas = files.load(directory);

        assertThat(schemas).filteredOn(schema -> schema.type().boundedContext().equals("claims")).singleElement()
                .satisfies(schema -> {
            assertThat(schema.origin()).startsWith(directory.toString());
            assertThat(schema.personalDataPaths()).isEmpty();
        });
    }

    @Test
    void refusesAFileThatIsNotWhereItsEventTypeSays() throws IOException {
        write("claims/PolicyRenewed.schema.json", "policies.PolicyRenewed.v1", "");

        assertThatThrownBy(() -> files.load(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs at policies/PolicyRenewed.schema.json");
    }

    @Test
    void refusesAFileThatIsNotJson() throws IOException {
        Files.createDirectories(directory.resolve("policies"));
        Files.writeString(directory.resolve("policies/PolicyRenewed.schema.json"), "{\"type\": ");

        assertThatThrownBy(() -> files.load(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PolicyRenewed.schema.json is not well-formed JSON");
    }

    @Test
    void refusesADirectoryThatDoesNotExist() {
        assertThatThrownBy(() -> files.load(directory.resolve("missing")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a directory");
    }

    /** A schema file with that event type and these further members, e.g. {@code "type": "object"}. */
    private void write(String relative, String eventType, String members) throws IOException {
        Path file = directory.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"x-event-type\": \"" + eventType + "\"" + (members.isEmpty() ? "" : ", " + members)
                + "}");
    }
}
