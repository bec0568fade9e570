package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Solc;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulation page in a real browser: Debian's chromium, headless, driven through its chromedriver by
 * Selenium. Simulations run on the whole platform (gateway, Kafka, worker, PostgreSQL) over an in-memory
 * devnet holding an ERC-20 and the contracts of {@code PageFixtures.sol}; each page is opened by its link,
 * read as a person would see it (hidden text is not text), folded and unfolded, and photographed into
 * {@code target/page-screenshots}. Without chromium and chromedriver the class is skipped, and says so.
 */
class SimulationPageBrowserTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final Address TOKEN = Address.fromHex("0x00000000000000000000000000000000000070c1");
    private static final Address VAULT = Address.fromHex("0x000000000000000000000000000000000000a017");
    private static final Address RECURSOR = Address.fromHex("0x000000000000000000000000000000000000dee9");
    private static final Path SCREENSHOTS = Path.of("target", "page-screenshots");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        Optional<Path> chromium = executable("chromium", "chromium-browser");
        Optional<Path> chromedriver = executable("chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            System.err.println("SimulationPageBrowserTest SKIPPED: chromium and chromedriver are not installed "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        assumeTrue(chromium.isPresent() && chromedriver.isPresent(),
                "chromium and chromedriver are not installed: the simulation page was NOT tested in a browser");
        Map<String, Solc.Contract> contracts = Solc.compile(resource("/contracts/Token.sol"));
        contracts.putAll(Solc.compile(resource("/contracts/PageFixtures.sol")));
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        UInt256 supply = UInt256.parse("1000000000000000000000000");
        devnet.deploy(TOKEN, Hex.decode(contracts.get("Token").deployedBytecode()),
                Map.of(balanceSlot(Address.fromHex(DEV)), supply, UInt256.valueOf(2), supply));
        devnet.deploy(VAULT, Hex.decode(contracts.get("Vault").deployedBytecode()), Map.of());
        devnet.deploy(RECURSOR, Hex.decode(contracts.get("Recursor").deployedBytecode()), Map.of());
        platform = TestPlatform.start(devnet, "http://unused.invalid");
        base = "http://127.0.0.1:" + platform.gatewayPort();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600", "--hide-scrollbars");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anEthTransfersPageShowsItsSummaryBalancesAndState() throws Exception {
        String id = simulate("/v1/simulate", """
                {"from":"%s","to":"%s","value":"1000000000000000000"}""".formatted(DEV, RECIPIENT));
        open("/s/" + id, "eth-transfer");
        assertEquals("Simulation " + id + " \u00b7 evmsim", browser.getTitle());
        String summary = text("#tx0-summary");
        assertTrue(summary.contains("Status\nsuccess"), summary);
        assertTrue(summary.contains("21,000 of 16,777,216"), summary);
        assertTrue(summary.contains("Fork\nOsaka"), summary);
        assertTrue(summary.contains("Block\n#0"), summary);
        String assets = text("#tx0-assets");
        assertTrue(assets.contains(RECIPIENT + " ETH +1"), assets);
        assertTrue(assets.contains(DEV + " ETH \u22121"), assets);
        String state = text("#tx0-state");
        assertTrue(state.contains("Balance 10000 ETH 9999 ETH"), state);
        assertTrue(state.contains(" 1 ETH"), state);
        assertTrue(state.contains("Nonce 0 1"), state);
        assertTrue(text("#tx0-calls").contains("CALL 0x7099\u202679c8 1 ETH 21,000 gas"), text("#tx0-calls"));
        assertTrue(text("#tx0-gas").contains("Intrinsic\n21,000 (base 21,000)"), text("#tx0-gas"));
        assertTrue(text("#tx0-logs").contains("No logs."), text("#tx0-logs"));
    }

    /** The same address answers JSON or the page by {@code Accept}; a browser's header gets the page. */
    @Test
    void theJsonAddressAnswersThePageToAClientAskingForHtml() throws Exception {
        String id = simulate("/v1/simulate", "{\"from\":\"%s\",\"to\":\"%s\"}".formatted(DEV, RECIPIENT));
        String path = "/v1/simulations/" + id;
        HttpResponse<String> html = get(path, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertEquals(200, html.statusCode());
        assertEquals("text/html;charset=UTF-8", html.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", html.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(html.body().startsWith("<!DOCTYPE html>"), html.body());
        for (String accept : new String[] {null, "*/*", "application/json"}) {
            HttpResponse<String> json = get(path, accept);
            assertEquals(200, json.statusCode(), accept);
            assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow(), accept);
            assertEquals(id, JSON.readTree(json.body()).get("id").stringValue());
        }
        HttpResponse<String> css = get("/page/simulation.css", null);
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
    }

    @Test
    void anErc20TransfersPageShowsTheTokenMovingAndItsEvent() throws Exception {
        String data = selector("transfer(address,uint256)") + word(Address.fromHex(RECIPIENT).toWord())
                + word(UInt256.parse("5000000000000000000"));
        String id = simulate("/v1/simulate", """
                {"from":"%s","to":"%s","data":"%s"}""".formatted(DEV, TOKEN, data));
        open("/s/" + id, "erc20-transfer");
        assertTrue(text("#tx0-summary").contains("Status\nsuccess"), text("#tx0-summary"));
        String assets = text("#tx0-assets");
        assertTrue(assets.contains(RECIPIENT + " ERC20 0x0000\u202670c1 +5000000000000000000"), assets);
        assertTrue(assets.contains(DEV + " ERC20 0x0000\u202670c1 \u22125000000000000000000"), assets);
        String logs = text("#tx0-logs");
        assertTrue(logs.contains("ERC20 Transfer 0xf39f\u20262266 \u2192 0x7099\u202679c8: 5000000000000000000"), logs);
        assertTrue(text("#tx0-state").contains(TOKEN.toString()), text("#tx0-state"));
        assertTrue(text("#tx0-calls").contains("CALL 0x0000\u202670c1"), text("#tx0-calls"));

        // a phone's width: nothing wider than the screen but the boxes that scroll by themselves
        browser.manage().window().setSize(new Dimension(390, 1600));
        try {
            browser.navigate().refresh();
            long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a 390 px screen");
            screenshot("erc20-transfer-narrow");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    @Test
    void aRevertsPageGivesItsReasonFirst() throws Exception {
        String id = simulate("/v1/simulate", """
                {"from":"%s","to":"%s","data":"%s"}""".formatted(DEV, VAULT,
                selector("withdraw(uint256)") + word(UInt256.valueOf(11))));
        open("/s/" + id, "revert");
        String summary = text("#tx0-summary");
        assertTrue(summary.contains("Status\nreverted"), summary);
        assertTrue(summary.contains("Revert reason\namount exceeds the limit"), summary);
        String tree = text("#tx0-calls");
        assertTrue(tree.contains("execution reverted"), tree);
        assertEquals("icicle-bar failed", browser.findElement(By.cssSelector("a[href='#tx0-f0']")).getAttribute("class"));
    }

    /** A call nested 50 deep: deep frames start folded; a click, the keyboard and the buttons fold and unfold. */
    @Test
    void aDeepCallTreeFoldsAndUnfolds() throws Exception {
        String id = simulate("/v1/simulate", """
                {"from":"%s","to":"%s","data":"%s"}""".formatted(DEV, RECURSOR,
                selector("down(uint256)") + word(UInt256.valueOf(50))));
        open("/s/" + id, "deep-call-tree");
        assertEquals(51, browser.findElements(By.cssSelector("#tx0-calls li.frame")).size());
        assertEquals(51, browser.findElements(By.cssSelector("#tx0-gas a.icicle-bar")).size());
        WebElement deepest = frameSummary(50);
        WebElement root = frameSummary(0);
        WebElement rootFields = browser.findElement(By.cssSelector("#tx0-f0 > details > dl"));
        assertFalse(deepest.isDisplayed(), "frames six deep and deeper start folded");
        assertTrue(frameSummary(6).isDisplayed(), "the first folded frame shows its one line");
        assertFalse(frameSummary(7).isDisplayed());

        root.click();
        assertFalse(rootFields.isDisplayed(), "a click folds the root");
        assertFalse(frameSummary(1).isDisplayed());
        root.sendKeys(Keys.ENTER);
        assertTrue(rootFields.isDisplayed(), "Enter on a frame unfolds it");
        assertTrue(frameSummary(1).isDisplayed());

        browser.findElement(By.cssSelector("#tx0-calls button[data-tree='open']")).click();
        assertTrue(deepest.isDisplayed(), "unfold all reaches the deepest frame");
        assertTrue(text("#tx0-f50").startsWith("CALL 0x0000\u2026dee9 0x"), text("#tx0-f50"));
        assertTrue(text("#tx0-f50").contains("Input\n" + selector("down(uint256)") + "0".repeat(64)), text("#tx0-f50"));
        screenshot("deep-call-tree-unfolded");
        browser.findElement(By.cssSelector("#tx0-calls button[data-tree='close']")).click();
        assertFalse(frameSummary(1).isDisplayed(), "fold all folds the root's calls");

        // a bar of the icicle opens the folded frames down to its own
        browser.findElement(By.cssSelector("a[href='#tx0-f50']")).click();
        assertTrue(deepest.isDisplayed(), "the icicle's bar unfolds its frame");
    }

    /** 1,000 frames side by side: the server's rendering and the browser's loading, timed (not asserted). */
    @Test
    void aThousandFrameCallTreeLoads() throws Exception {
        String id = simulate("/v1/simulate", """
                {"from":"%s","to":"%s","data":"%s"}""".formatted(DEV, RECURSOR,
                selector("fan(uint256)") + word(UInt256.valueOf(999))));
        long start = System.nanoTime();
        HttpResponse<String> page = get("/s/" + id, "text/html");
        long served = System.nanoTime() - start;
        assertEquals(200, page.statusCode());
        open("/s/" + id, "thousand-frames");
        long loaded = (Long) ((JavascriptExecutor) browser).executeScript(
                "var t = performance.getEntriesByType('navigation')[0]; return Math.round(t.loadEventEnd);");
        assertEquals(1000, browser.findElements(By.cssSelector("#tx0-calls li.frame")).size());
        System.out.printf("a 1,000-frame call tree: a page of %,d bytes served in %.1f ms; loaded in the browser in "
                + "%d ms%n", page.body().length(), served / 1e6, loaded);
    }

    @Test
    void aBundlesPageHasItsSummaryAndASectionPerTransaction() throws Exception {
        String transfer = "{\"from\":\"%s\",\"to\":\"%s\",\"value\":\"0x1\"}".formatted(DEV, RECIPIENT);
        String withdraw = "{\"from\":\"%s\",\"to\":\"%s\",\"data\":\"%s\"}".formatted(DEV, VAULT,
                selector("withdraw(uint256)") + word(UInt256.valueOf(11)));
        String id = simulate("/v1/simulate/bundle", "{\"transactions\":[" + transfer + "," + withdraw + "]}");
        open("/s/" + id, "bundle");
        assertEquals("Bundle " + id + " \u00b7 evmsim", browser.getTitle());
        String summary = text("#bundle-summary");
        assertTrue(summary.contains("Transactions\n2"), summary);
        assertTrue(summary.contains("Fork\nOsaka"), summary);
        assertTrue(summary.contains("0 success 21,000"), summary);
        assertTrue(summary.contains("1 reverted"), summary);
        assertTrue(summary.contains("amount exceeds the limit"), summary);
        assertTrue(text("#tx0").startsWith("Transaction 0"), text("#tx0"));
        assertTrue(text("#tx0-summary").contains("Status\nsuccess"), text("#tx0-summary"));
        assertTrue(text("#tx1-summary").contains("Revert reason\namount exceeds the limit"), text("#tx1-summary"));
        assertEquals(2, browser.findElements(By.cssSelector("section.transaction")).size());
    }

    /** An unknown id: the JSON API's status and problem, in words for the browser. */
    @Test
    void anUnknownIdIsAnsweredAsTheJsonApiAnswersIt() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> json = get("/v1/simulations/" + id, "application/json");
        JsonNode problem = JSON.readTree(json.body());
        for (String path : List.of("/v1/simulations/" + id, "/s/" + id)) {
            HttpResponse<String> html = get(path, "text/html");
            assertEquals(json.statusCode(), html.statusCode(), path);
            assertEquals(404, html.statusCode());
            assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
        }
        open("/s/" + id, "unknown-id");
        assertEquals(problem.get("title").stringValue(), browser.findElement(By.tagName("h1")).getText());
        String page = text("main");
        assertTrue(page.contains(problem.get("detail").stringValue()), page);
        assertTrue(page.contains("Code\n" + problem.get("code").stringValue()), page);
        assertEquals("SIMULATION_NOT_FOUND", problem.get("code").stringValue());
    }

    /** A simulation that ended in an error (an unknown block): its page has the JSON's status and problem. */
    @Test
    void aFailedSimulationsPageHasTheJsonsStatusAndProblem() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"from\":\"%s\",\"to\":\"%s\",\"block\":\"0x99\"}".formatted(DEV, RECIPIENT))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode problem = JSON.readTree(refused.body());
        assertEquals(400, refused.statusCode(), refused.body());
        String id = problem.get("requestId").stringValue();
        HttpResponse<String> json = get("/v1/simulations/" + id, null);
        for (long until = System.nanoTime() + 10_000_000_000L; json.statusCode() == 404 && System.nanoTime() < until; ) {
            Thread.sleep(50);
            json = get("/v1/simulations/" + id, null);
        }
        assertEquals(400, json.statusCode(), json.body());
        HttpResponse<String> html = get("/s/" + id, "text/html");
        assertEquals(json.statusCode(), html.statusCode());
        open("/s/" + id, "failed");
        assertEquals(problem.get("title").stringValue(), browser.findElement(By.tagName("h1")).getText());
        String page = text("main");
        assertTrue(page.contains(problem.get("detail").stringValue()), page);
        assertTrue(page.contains("Code\n" + problem.get("code").stringValue()), page);
    }

    /** Posts a simulation and waits until its result is stored (the store's consumer may lag the answer). */
    private static String simulate(String path, String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        String id = JSON.readTree(answer.body()).get("id").stringValue();
        long until = System.nanoTime() + 10_000_000_000L;
        while (get("/v1/simulations/" + id, "application/json").statusCode() != 200 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        return id;
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void open(String path, String screenshot) throws IOException {
        browser.get(base + path);
        screenshot(screenshot);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** What a person sees of an element: hidden (folded) text is left out. */
    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static WebElement frameSummary(int frame) {
        return browser.findElement(By.cssSelector("#tx0-f" + frame + " > details > summary"));
    }

    private static String selector(String signature) {
        return Hex.encode(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII))).substring(0, 10);
    }

    private static String word(UInt256 value) {
        return Hex.encode(value.toBytes32()).substring(2);
    }

    /** {@code balanceOf[holder]} of Token.sol, a mapping at slot 0: keccak256(holder . 0). */
    private static UInt256 balanceSlot(Address holder) {
        byte[] key = new byte[64];
        holder.copyTo(key, 12);
        return UInt256.fromBytes(Keccak.keccak256(key));
    }

    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(names).flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    private static String resource(String name) {
        try (InputStream in = SimulationPageBrowserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
