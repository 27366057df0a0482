package dev.parallelrun.ingress.intent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallelrun.ingress.web.Problems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class IntentBodyReaderTest {

    private final IntentBodyReader reader = new IntentBodyReader(32);

    @Test
    void readsNumbersAsExactDecimals() throws IOException {
        JsonNode body = reader.read(-1, stream("{\"amount\": 1234.56}"));

        assertThat(body.get("amount").isBigDecimal()).isTrue();
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("1234.56");
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };

        assertRefused(() -> reader.read(33, untouchable), HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE);
    }

    @Test
    void refusesAnUndeclaredBodyOnceItPassesTheLimit() {
        CountingStream endless = new CountingStream();

        assertRefused(() -> reader.read(-1, endless), HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE);
        assertThat(endless.served).isEqualTo(33);
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws IOException {
        String body = "{\"text\": \"" + "x".repeat(20) + "\"}";
        assertThat(body).hasSize(32);

        assertThat(reader.read(-1, stream(body)).get("text").stringValue()).hasSize(20);
    }

    @Test
    void refusesMalformedJson() {
        assertRefused(() -> reader.read(-1, stream("{\"a\": ")), HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON);
        assertRefused(() -> reader.read(-1, stream("{'a': 1}")), HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON);
        assertRefused(() -> reader.read(-1, stream("{} {}")), HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON);
    }

    @Test
    void refusesAnEmptyBody() {
        assertRefused(() -> reader.read(0, stream("")), HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON);
        assertRefused(() -> reader.read(-1, stream("  \n")), HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON);
    }

    @Test
    void refusesAPropertyThatAppearsTwice() {
        assertRefused(() -> reader.read(-1, stream("{\"a\": 1, \"a\": 2}")), HttpStatus.BAD_REQUEST,
                Problems.MALFORMED_JSON);
    }

    @Test
    void refusesANumberBeyondJacksonsLimitsAsMalformed() {
        // the NumberFormatException CloudEventDeserializerFuzzTest found in the event codec; here it answered 500
        assertRefused(() -> reader.read(-1, stream("{\"a\": 1e99999999999}")), HttpStatus.BAD_REQUEST,
                Problems.MALFORMED_JSON);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, HttpStatus status,
            String kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UnacceptableRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.kind()).isEqualTo(kind);
        });
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body that never ends, like a chunked upload that keeps coming. */
    private static final class CountingStream extends InputStream {
        int served;

        @Override
        public int read() {
            served++;
            return ' ';
        }
    }
}
