package dev.parallelrun.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallelrun.events.personal.EncryptedValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a claim looks like once published: as posted, but for the claimant, whose name and e-mail are encrypted. */
final class PublishedClaims {

    private PublishedClaims() {
    }

    static void assertPublishedAs(JsonNode published, ObjectNode posted) {
        ObjectNode withoutClaimant = (ObjectNode) published.deepCopy();
        JsonNode claimant = withoutClaimant.remove("claimant");
        ObjectNode expected = posted.deepCopy();
        expected.remove("claimant");
        assertThat(withoutClaimant).isEqualTo(expected);
        assertThat(claimant.propertyNames()).containsExactlyInAnyOrder("name", "email");
        for (String field : new String[] {"name", "email"}) {
            String value = claimant.get(field).stringValue();
            assertThat(value).startsWith(EncryptedValue.PREFIX)
                    .doesNotContain(posted.get("claimant").get(field).stringValue());
            assertThat(EncryptedValue.parse(value)).isPresent();
        }
    }
}
