package dev.parallelrun.reconciliation.evidence.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which form of the pack a request gets: JSON unless its Accept header prefers HTML. */
class EvidenceControllerTest {

    @Test
    void answersJsonWithoutAPreference() {
        assertThat(EvidenceController.prefersHtml(null)).isFalse();
        assertThat(EvidenceController.prefersHtml("*/*")).isFalse();
        assertThat(EvidenceController.prefersHtml("application/json")).isFalse();
        assertThat(EvidenceController.prefersHtml("text/html;q=0.5, application/json")).isFalse();
        assertThat(EvidenceController.prefersHtml("not a media type;;")).isFalse();
    }

    @Test
    void answersHtmlWhenTheRequestPrefersIt() {
        assertThat(EvidenceController.prefersHtml("text/html")).isTrue();
        assertThat(EvidenceController.prefersHtml(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isTrue();
        assertThat(EvidenceController.prefersHtml("application/json;q=0.4, text/*")).isTrue();
    }

    @Test
    void escapesEveryCharacterThatCouldOpenMarkup() {
        assertThat(EvidenceReport.escape("<script>alert('x' & \"y\")</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
    }
}
