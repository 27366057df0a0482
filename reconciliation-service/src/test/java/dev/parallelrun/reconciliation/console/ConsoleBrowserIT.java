package dev.parallelrun.reconciliation.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.parallelrun.events.CloudEvent;
import dev.parallelrun.events.EventCodec;
import dev.parallelrun.events.Topics;
import dev.parallelrun.events.verdict.Classification;
import dev.parallelrun.events.verdict.Difference;
import dev.parallelrun.events.verdict.Severity;
import dev.parallelrun.events.verdict.Verdict;
import dev.parallelrun.reconciliation.UpstreamTopics;
import dev.parallelrun.testsupport.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The web console in a real browser: Debian's {@code chromium}, headless, driven through {@code chromedriver} by
 * Selenium, against the service with a real PostgreSQL and the in-process Kafka broker; the verdicts go through the
 * verdict topic and the verdict sink, as live ones do. An operator logs in, filters to mismatches, opens one and sees
 * the highlighted difference and the rule that judged it, a tolerated verdict and its accepted variance, the match
 * rates with their chart, authority and readiness, acknowledges the mismatch's divergence case, resolves it with a
 * category and sees its history; an auditor finds no control that changes anything, and the server refuses the change
 * anyway. Every step leaves a screenshot in {@code target/console-screenshots/} (kept by CI).
 *
 * <p>Without chromium and chromedriver the test fails (it does not skip): install Debian's {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} does when they are missing).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=reconciliation-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
@DirtiesContext
@Import(UpstreamTopics.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /**
     * A context of this test's own: the broker is shared by every IT of the module, and pairs other tests left pending
     * may be decided (as claims verdicts) while this one runs; counts of this context are this test's alone.
     */
    private static final String CONTEXT = "console";
    private static final String CASE_PANEL = ".verdict[data-outcome-type='ClaimAssessed'] .case-panel";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry, "console");
        String stateDir = Files.createTempDirectory("console-streams").toString();
        registry.add("reconciliation.streams.state-dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final EventCodec codec = EventCodec.standard();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String mismatch = "console-mismatch-" + run;
    private final String tolerated = "console-tolerated-" + run;
    private Path userDataDir;
    private WebDriver browser;
    private int screenshot;
    private String ruleSetVersion;

    @BeforeAll
    void browserAndVerdicts() throws Exception {
        requireChromium();
        // a verdict names the stored rule set that decided it: the claims rule set in force
        ruleSetVersion = jdbc.queryForObject("SELECT version FROM rule_set WHERE context = 'claims' "
                + "ORDER BY activated_at DESC LIMIT 1", String.class);
        publishVerdicts();
        userDataDir = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,2400", "--user-data-dir=" + userDataDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
        // the verdicts are through the sink once the API lists both
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/v1/reconciliations/" + mismatch, "auditor") == 200
                && status("/api/v1/reconciliations/" + tolerated, "auditor") == 200);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (userDataDir != null) {
            try (var files = Files.walk(userDataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void servesTheConsolePubliclyWithASameOriginPolicyButNoDataWithoutCredentials() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Reconciliation console").contains("Skip to main content");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'self'").contains("script-src 'self'").contains("connect-src 'self'"));
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base() + "/console/js/api.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(status("/console", null)).isEqualTo(302);
        assertThat(status("/api/v1/me", null)).isEqualTo(401);
        assertThat(status("/api/v1/reconciliations", null)).isEqualTo(401);

        JsonNode me = get("/api/v1/me", "operator");
        assertThat(me.get("user").asString()).isEqualTo("operator");
        assertThat(me.get("roles").get(0).asString()).isEqualTo("OPERATOR");
    }

    @Test
    @Order(2)
    void countsTheMatchRateOverTimePerStepAndOutcomeType() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonNode history = get("/api/v1/match-rates/history?context=" + CONTEXT + "&step=PT1H&from="
                + hour.minus(Duration.ofHours(3)) + "&to=" + hour.plus(Duration.ofHours(1)), "auditor");
        assertThat(history.get("step").asString()).isEqualTo("PT1H");
        JsonNode claimAssessed = series(history, "ClaimAssessed");
        assertThat(claimAssessed.get("points")).hasSize(4);
        assertThat(Instant.parse(claimAssessed.get("points").get(0).get("from").asString()))
                .isEqualTo(hour.minus(Duration.ofHours(3)));
        assertThat(claimAssessed.get("points").get(0).get("matchRate").isNull()).isTrue();
        // three matches and the current mismatch (its superseded MISSING_SHADOW is not counted), decided in the last
        // 20 seconds: in the current hour, or in the one before if the hour has just turned
        JsonNode counted = null;
        for (JsonNode point : claimAssessed.get("points")) {
            if (point.get("agree").asLong() + point.get("disagree").asLong() > 0) {
                assertThat(counted).as("one step holds every verdict").isNull();
                counted = point;
            }
        }
        assertThat(counted).isNotNull();
        assertThat(counted.get("agree").asLong()).isEqualTo(3);
        assertThat(counted.get("disagree").asLong()).isEqualTo(1);
        assertThat(counted.get("matchRate").asDouble()).isEqualTo(0.75);
        assertThat(series(history, "PaymentDecided").get("points")).extracting(p -> p.get("agree").asLong())
                .containsOnly(0L, 1L).contains(1L);
        assertThat(status("/api/v1/match-rates/history?step=PT1S", "auditor")).isEqualTo(400);
    }

    @Test
    @Order(3)
    void anOperatorFiltersToMismatchesAndSeesTheDifferenceTheRuleAndTheHistory() throws Exception {
        loggedOut();
        snap("login");
        logIn("operator");
        snap("operator-logged-in");

        browser.findElement(By.id("filter-context")).sendKeys(CONTEXT);
        new Select(browser.findElement(By.id("filter-classification"))).selectByValue("MISMATCH");
        browser.findElement(By.id("search")).click();
        WebElement row = waitFor(By.cssSelector("#verdict-table tr[data-correlation-id='" + mismatch + "']"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#verdict-table tbody tr"));
        assertThat(rows).allSatisfy(r -> assertThat(r.getText()).contains("MISMATCH").contains(CONTEXT));
        assertThat(browser.findElements(By.cssSelector("#verdict-table tr[data-correlation-id='" + tolerated + "']"))).isEmpty();
        snap("mismatches");

        row.findElement(By.linkText(mismatch)).click();
        waitForText(By.cssSelector("#view h1"), mismatch);
        WebElement difference = waitFor(By.cssSelector("table.differences tr[data-path='/fraudDecision']"));
        assertThat(difference.getDomAttribute("class")).contains("row-differs");
        assertThat(difference.getText()).contains("≠").contains("differs").contains("comparator exact")
                .contains("CLEAR").contains("REFER").contains("CRITICAL");
        WebElement withinTolerance = browser.findElement(By.cssSelector("table.differences tr[data-path='/riskScore']"));
        assertThat(withinTolerance.getText()).contains("≈").contains("within tolerance").contains("numeric(abs=1)");
        WebElement sideBySide = browser.findElement(By.cssSelector("table.side-by-side tr[data-path='/fraudDecision']"));
        assertThat(sideBySide.findElements(By.tagName("td"))).extracting(WebElement::getText)
                .startsWith("CLEAR", "REFER");
        assertThat(sideBySide.getText()).contains("differs");
        assertThat(browser.findElement(By.cssSelector("table.side-by-side tr[data-path='/claimId']")).getText()).contains("same");
        assertThat(browser.findElement(By.cssSelector(".verdict .summary")).getText()).contains(ruleSetVersion);
        WebElement history = browser.findElement(By.cssSelector("table.history"));
        assertThat(history.getText()).contains("MISSING_SHADOW");
        casePanelLoaded();
        snap("mismatch-verdict");

        browser.get(base() + "/console/#/verdict/" + tolerated);
        WebElement variance = waitFor(By.cssSelector("table.differences tr[data-path='/riskReasons']"));
        assertThat(variance.getDomAttribute("class")).contains("row-variance");
        assertThat(variance.getText()).contains("accepted variance fraud-model-v2-granular-reasons");
        assertThat(browser.findElement(By.cssSelector("table.differences tr[data-path='/amount']")).getText())
                .contains("within tolerance");
        assertThat(browser.findElement(By.cssSelector("#view h1")).getText()).contains(tolerated);
        snap("tolerated-verdict");

        browser.findElement(By.linkText("Match rates")).click();
        WebElement rate = waitFor(By.cssSelector("#match-rate-table tr[data-series='console/ClaimAssessed']"));
        assertThat(rate.getText()).contains("75.0 %").contains("below target");
        WebElement chart = waitFor(By.cssSelector("figure.series[data-series='console/ClaimAssessed'] svg[role='img']"));
        assertThat(chart.findElement(By.tagName("title")).getDomProperty("textContent")).contains("console / ClaimAssessed");
        assertThat(chart.findElements(By.cssSelector(".point"))).isNotEmpty();
        snap("match-rates");

        browser.findElement(By.linkText("Authority and readiness")).click();
        waitFor(By.id("readiness-table"));
        // every context with a rule set is listed with its stage; claims' readiness and timeline are a click away
        browser.findElement(By.linkText("claims")).click();
        waitForText(By.id("readiness-table"), "Readiness criteria of claims");
        assertThat(browser.findElement(By.id("readiness-table")).getText()).contains("matchRate:ClaimAssessed");
        assertThat(browser.findElement(By.id("timeline-heading")).getText()).contains("claims");
        waitForText(By.id("status"), "Authority and readiness of claims loaded");
        snap("authority-and-readiness");

        browser.findElement(By.id("logout")).click();
        waitFor(By.id("login-user"));
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    @Order(4)
    void anOperatorAcknowledgesTheCaseResolvesItWithACategoryAndSeesItsHistory() throws Exception {
        browser.get(base() + "/console/");
        waitFor(By.id("login-user"));
        logIn("operator");
        browser.get(base() + "/console/#/verdict/" + mismatch);
        waitForText(By.cssSelector(CASE_PANEL + " dd[data-field='state']"), "OPEN");
        snap("case-open");

        browser.findElement(By.cssSelector(CASE_PANEL + " textarea[name='note']")).sendKeys("seen: legacy clears a claim the new model refers");
        browser.findElement(By.cssSelector(CASE_PANEL + " input[name='assignee']")).sendKeys("operator");
        browser.findElement(By.cssSelector(CASE_PANEL + " button[data-to='ACKNOWLEDGED']")).click();
        waitForText(By.cssSelector(CASE_PANEL + " dd[data-field='state']"), "ACKNOWLEDGED");
        waitForText(By.cssSelector(CASE_PANEL + " .notice"), "Case acknowledged");
        assertThat(browser.findElement(By.cssSelector(CASE_PANEL + " dd[data-field='assignee']")).getText()).isEqualTo("operator");
        snap("case-acknowledged");

        // resolving needs a category: the console asks for it before the server would refuse (422)
        browser.findElement(By.cssSelector(CASE_PANEL + " textarea[name='note']")).sendKeys("legacy's rule misses same-day high-value claims");
        browser.findElement(By.cssSelector(CASE_PANEL + " button[data-to='RESOLVED']")).click();
        waitForText(By.cssSelector(CASE_PANEL + " .case-form .error"), "Choose a category");
        new Select(browser.findElement(By.cssSelector(CASE_PANEL + " select[name='category']"))).selectByValue("LEGACY_DEFECT");
        browser.findElement(By.cssSelector(CASE_PANEL + " button[data-to='RESOLVED']")).click();
        waitForText(By.cssSelector(CASE_PANEL + " dd[data-field='state']"), "RESOLVED");
        assertThat(browser.findElement(By.cssSelector(CASE_PANEL + " dd[data-field='category']")).getText())
                .isEqualTo("LEGACY_DEFECT");

        WebElement history = browser.findElement(By.cssSelector(CASE_PANEL + " table.case-history"));
        List<String> changes = history.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(changes).anySatisfy(change -> assertThat(change).contains("operator").contains("OPEN")
                .contains("ACKNOWLEDGED").contains("seen: legacy clears a claim the new model refers"));
        assertThat(changes).anySatisfy(change -> assertThat(change).contains("operator").contains("ACKNOWLEDGED")
                .contains("RESOLVED").contains("LEGACY_DEFECT").contains("legacy's rule misses same-day high-value claims"));
        // a resolved case can only be reopened
        assertThat(browser.findElements(By.cssSelector(CASE_PANEL + " button"))).extracting(WebElement::getText)
                .containsExactly("Reopen");
        snap("case-resolved");

        browser.findElement(By.id("logout")).click();
        waitFor(By.id("login-user"));
    }

    @Test
    @Order(5)
    void anAuditorFindsNoControlThatChangesAnythingAndTheServerRefusesAChange() throws Exception {
        loggedOut();
        logIn("auditor");
        assertOnlyReadingControls();

        browser.get(base() + "/console/#/verdict/" + mismatch);
        waitFor(By.cssSelector("table.differences tr[data-path='/fraudDecision']"));
        casePanelLoaded();
        assertThat(browser.findElement(By.cssSelector(CASE_PANEL + " dd[data-field='state']")).getText()).isEqualTo("RESOLVED");
        assertThat(browser.findElement(By.cssSelector(CASE_PANEL + " table.case-history")).getText()).contains("LEGACY_DEFECT");
        assertThat(browser.findElements(By.cssSelector("form.case-form, textarea"))).isEmpty();
        assertOnlyReadingControls();
        snap("auditor-verdict");

        browser.findElement(By.linkText("Match rates")).click();
        waitFor(By.id("match-rate-table"));
        assertOnlyReadingControls();
        browser.findElement(By.linkText("Authority and readiness")).click();
        waitFor(By.id("readiness-table"));
        assertOnlyReadingControls();
        snap("auditor-authority");

        // and were a control forged, the server refuses it: the same credentials, from the console's page
        Object refused = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = sessionStorage.getItem('parallelrun.console.credentials');
                fetch('/api/v1/cases/any/transitions', {method: 'POST', credentials: 'omit',
                    headers: {'Authorization': 'Basic ' + token, 'Content-Type': 'application/json', 'If-Match': '"1"'},
                    body: JSON.stringify({to: 'ACKNOWLEDGED', note: 'forged'})}).then(r => done(r.status));
                """);
        assertThat(refused).isEqualTo(403L);
        browser.findElement(By.id("logout")).click();
        waitFor(By.id("login-user"));
    }

    private void assertOnlyReadingControls() {
        // searching, showing and logging out change nothing; nothing else may be offered to an auditor
        assertThat(browser.findElements(By.tagName("button"))).extracting(WebElement::getText)
                .filteredOn(text -> !text.isEmpty()).isSubsetOf("Log in", "Log out", "Search", "Show");
    }

    private void casePanelLoaded() {
        waitFor(By.cssSelector(CASE_PANEL + " dd[data-field='state']"));
    }

    /** The console's login page in a tab that holds no credentials, whatever an earlier test left behind. */
    private void loggedOut() {
        browser.get(base() + "/console/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        waitFor(By.id("login-user"));
    }

    private void logIn(String user) {
        browser.findElement(By.id("login-user")).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(user);
        browser.findElement(By.id("login-submit")).click();
        waitForText(By.id("whoami"), "Logged in as " + user);
        waitFor(By.id("verdict-table"));
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void waitForText(By locator, String text) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private void snap(String step) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(String.format("%02d-%s.png", ++screenshot, step)),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void requireChromium() {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            fail("The console's browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; "
                    + ".ci/run installs them when missing), or point -Dconsole.chromium and -Dconsole.chromedriver at them.");
        }
    }

    /**
     * Through the verdict topic: a mismatch that superseded a missing shadow (so it has history), with one difference
     * that differs and one within tolerance; a tolerated payment with a tolerance and an accepted variance; and
     * matches, so that ClaimAssessed's current hour has 3 agree and 1 disagree.
     */
    private void publishVerdicts() {
        Instant now = Instant.now();
        JsonNode legacy = codec.tree(Map.of("claimId", "CLM-7", "fraudDecision", "CLEAR", "riskScore", 10,
                "riskReasons", List.of("AMOUNT")));
        JsonNode shadow = codec.tree(Map.of("claimId", "CLM-7", "fraudDecision", "REFER", "riskScore", 10.4,
                "riskReasons", List.of("AMOUNT")));
        List<Verdict> verdicts = new ArrayList<>();
        Verdict missing = verdict(mismatch, "ClaimAssessed", 1, null, Classification.MISSING_SHADOW, Severity.HIGH,
                List.of(), now.minusSeconds(20), legacy, null);
        verdicts.add(missing);
        verdicts.add(verdict(mismatch, "ClaimAssessed", 2, missing.verdictId(), Classification.MISMATCH, Severity.CRITICAL,
                List.of(new Difference("/fraudDecision", codec.tree("CLEAR"), codec.tree("REFER"), "exact", false,
                                Severity.CRITICAL),
                        new Difference("/riskScore", codec.tree(10), codec.tree(10.4), "numeric(abs=1)", true, Severity.NONE)),
                now.minusSeconds(10), legacy, shadow));
        JsonNode legacyPayment = codec.tree(Map.of("claimId", "CLM-8", "amount", 100.00, "riskReasons", List.of("AMOUNT")));
        JsonNode shadowPayment = codec.tree(Map.of("claimId", "CLM-8", "amount", 100.004,
                "riskReasons", List.of("AMOUNT_OVER_5000", "KEYWORD_STOLEN")));
        verdicts.add(verdict(tolerated, "PaymentDecided", 1, null, Classification.TOLERATED, Severity.NONE,
                List.of(new Difference("/amount", codec.tree(100.00), codec.tree(100.004), "numeric(abs=0.01)", true,
                                Severity.NONE),
                        new Difference("/riskReasons", legacyPayment.get("riskReasons"), shadowPayment.get("riskReasons"),
                                "unordered+variance:fraud-model-v2-granular-reasons", true,
                                "fraud-model-v2-granular-reasons", Severity.NONE)),
                now.minusSeconds(5), legacyPayment, shadowPayment));
        for (int i = 0; i < 3; i++) {
            verdicts.add(verdict("console-match-" + run + "-" + i, "ClaimAssessed", 1, null, Classification.MATCH,
                    Severity.NONE, List.of(), now.minusSeconds(15), legacy, legacy));
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (Verdict verdict : verdicts) {
                CloudEvent event = CloudEvent.fact(verdict.verdictId(), Verdict.EVENT_TYPE, "urn:test:console",
                        verdict.decidedAt(), verdict.correlationId(), verdict.context(), codec.tree(verdict));
                producer.send(new ProducerRecord<>(Topics.VERDICTS, verdict.correlationId(), codec.write(event)));
            }
            producer.flush();
        }
    }

    private Verdict verdict(String correlationId, String outcomeType, int revision, String supersedes,
            Classification classification, Severity severity, List<Difference> differences, Instant decidedAt,
            JsonNode legacy, JsonNode shadow) {
        String id = UUID.nameUUIDFromBytes((correlationId + "|" + outcomeType + "|" + revision)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new Verdict(id, revision, supersedes, correlationId, CONTEXT, outcomeType, classification, severity,
                differences, ruleSetVersion, decidedAt.minusSeconds(2), shadow == null ? null : decidedAt.minusSeconds(1),
                decidedAt, "legacy-" + correlationId, shadow == null ? null : "shadow-" + correlationId, legacy, shadow,
                null);
    }

    private static JsonNode series(JsonNode history, String outcomeType) {
        for (JsonNode series : history.get("series")) {
            if (series.get("outcomeType").asString().equals(outcomeType)) {
                return series;
            }
        }
        throw new AssertionError("no series of " + outcomeType + " in " + history);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private int status(String path, String user) {
        try {
            return http.send(request(path, user), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path, String user) throws Exception {
        HttpResponse<String> response = http.send(request(path, user), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return codec.mapper().readTree(response.body());
    }

    private HttpRequest request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }
}
