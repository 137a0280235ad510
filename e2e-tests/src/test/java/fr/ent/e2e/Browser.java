package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.testsupport.KeycloakRealms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the portal's tests: Debian's headless chromium driven by its chromedriver (Selenium), signing in
 * through the real Keycloak's login page, writing a screenshot of each screen to {@code target/screenshots}, and
 * running axe-core (from npm, injected into the page) on each — a serious or critical violation fails the test.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("ENT_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("ENT_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String portal;
    private final WebDriverWait wait;

    Browser(String portal) {
        this.portal = portal;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1100", "--lang=fr-FR", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER)
                .toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a page of the portal (a path such as {@code /enseignant}). */
    Browser open(String path) {
        driver.get(portal + path);
        return this;
    }

    /**
     * Signs in from the portal's first page through Keycloak's login form, as a person would. Keycloak 26's
     * brute-force guard may refuse a good password once, with the message of a wrong one, when it believes the login
     * runs alongside another of the same user (an API login of the test a moment before: its event is
     * {@code user_temporarily_disabled}, no failure before it); the form is then sent again, up to three times a
     * second and a half apart, each time said on the test's output. A wrong password fails the test all the same.
     */
    Browser signIn(String username, String password) {
        open("/");
        driver.findElement(By.linkText("Se connecter")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        for (int attempt = 1; !awaitPortalOrRefusal(username); attempt++) {
            String refusal = text();
            if (attempt > 3) {
                throw failure("Keycloak refused " + username + "'s password " + attempt + " times", null);
            }
            System.out.printf("sign-in of %s refused by Keycloak (attempt %d), sent again: %s%n", username, attempt,
                    refusal.replace('\n', ' '));
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while signing in as " + username, e);
            }
            WebElement passwordField = driver.findElement(By.id("password"));
            passwordField.clear();
            passwordField.sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
        }
        assertEquals("Accueil", heading(), "signed in as " + username + ": " + driver.getCurrentUrl());
        return this;
    }

    /**
     * Waits until the browser is on the portal's home page (true) or Keycloak's login form came back with an error
     * (false); fails, saying where the browser stopped and what the page said, when neither happens within 60 s.
     */
    private boolean awaitPortalOrRefusal(String username) {
        By refusal = By.cssSelector("#input-error, #input-error-username, #input-error-password, "
                + ".pf-m-danger .kc-feedback-text, .alert-error");
        try {
            // Keycloak hashes the password (argon2) on two cores shared with a whole suite: give it time.
            new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.WebDriverException.class)
                    .until(d -> d.getCurrentUrl().startsWith(portal + "/accueil") || !d.findElements(refusal).isEmpty()
                            && !d.findElements(By.id("password")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            // Keycloak may have answered with a page of its own (a required action, an error): say which.
            throw failure("signing in as " + username + " did not reach " + portal + "/accueil within 60 s", e);
        }
        return driver.getCurrentUrl().startsWith(portal + "/accueil");
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String text() {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.tagName("body")).getText());
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /**
     * Waits for the text, then until the page was drawn with what it follows ended: a followed import redraws its
     * page once it ends, and nothing may be read from the page it leaves.
     */
    void awaitFinal(String expected, Duration within) {
        awaitText(expected, within);
        try {
            new WebDriverWait(driver, within).ignoring(org.openqa.selenium.WebDriverException.class)
                    .until(d -> Boolean.TRUE.equals(driver.executeScript("return document.readyState === 'complete'"
                            + " && document.querySelectorAll('[data-follow][data-final=\"false\"]').length === 0;")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page " + driver.getCurrentUrl() + " was not drawn again once ended", e);
        }
        awaitText(expected, within);
    }

    /** Clicks a form's button and waits for the page that answers it, the one that says {@code expected}. */
    void submit(By button, String expected) {
        click(button);
        awaitText(expected, Duration.ofSeconds(30));
    }

    /** Waits until the page's text holds {@code expected} (a page that follows progress live, a redirect). */
    void awaitText(String expected, Duration within) {
        try {
            // A followed page redraws itself when what it follows ends: an element read meanwhile is read again.
            new WebDriverWait(driver, within).ignoring(org.openqa.selenium.WebDriverException.class)
                    .until(d -> d.findElement(By.tagName("body")).getText().contains(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw failure("waited " + within.toSeconds() + " s for \"" + expected + "\"", e);
        }
    }

    /** A test failure that says where the browser is, with a screenshot, and what the page says. */
    private AssertionError failure(String what, Throwable cause) {
        Path shot = screenshot("failed-" + System.currentTimeMillis());
        return new AssertionError(what + "; the browser is on " + driver.getCurrentUrl() + " (screenshot " + shot
                + "), the page says: " + text(), cause);
    }

    /** The screen as a PNG under target/screenshots. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Screenshot and accessibility check of the screen as it is now; fails on a serious or critical violation. */
    void check(String name) {
        screenshot(name);
        Object loaded = driver.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                + " return n ? Math.round(n.responseEnd - n.requestStart) + ' ms to the last byte, '"
                + " + Math.round(n.duration) + ' ms loaded' : 'not measured';");
        System.out.printf("portal screen %-40s %s%n", name, loaded);
        List<String> serious = accessibilityViolations();
        assertTrue(serious.isEmpty(), name + " (" + driver.getCurrentUrl() + "): axe-core reports " + serious);
    }

    /** axe-core's serious and critical violations of the page, each as "rule (impact): target …". */
    List<String> accessibilityViolations() {
        driver.executeScript(Axe.source());
        Object result = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + " done(JSON.stringify(r.violations)); }, function (e) { done('error: ' + e); });");
        String json = String.valueOf(result);
        if (json.startsWith("error: ")) {
            throw new IllegalStateException("axe-core could not run: " + json);
        }
        List<String> serious = new ArrayList<>();
        try {
            for (JsonNode violation : Stack.JSON.readTree(json)) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                    serious.add(violation.path("id").asText() + " (" + impact + "): " + violation.path("help").asText()
                            + " " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serious;
    }

    /** A form POST as the page sends it, with the browser's cookies (its session and CSRF token) and the token. */
    HttpResponse<byte[]> post(String path, Map<String, String> fields) {
        StringBuilder cookies = new StringBuilder();
        String csrf = null;
        for (org.openqa.selenium.Cookie cookie : driver.manage().getCookies()) {
            cookies.append(cookies.length() == 0 ? "" : "; ").append(cookie.getName()).append('=')
                    .append(cookie.getValue());
            if (cookie.getName().equals("csrf-token")) {
                csrf = cookie.getValue();
            }
        }
        StringBuilder form = new StringBuilder("csrf-token=" + KeycloakRealms.enc(csrf));
        fields.forEach((k, v) -> form.append('&').append(k).append('=').append(KeycloakRealms.enc(v)));
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal + path))
                    .header("Cookie", cookies.toString()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** axe-core's script, installed once from npm into target/axe (npm is the machine's; nothing else is fetched). */
    static final class Axe {
        static final String VERSION = "4.11.0";
        private static String source;

        static synchronized String source() {
            if (source == null) {
                Path dir = Path.of("target", "axe").toAbsolutePath();
                Path script = dir.resolve("node_modules/axe-core/axe.min.js");
                try {
                    if (!Files.isRegularFile(script)) {
                        Files.createDirectories(dir);
                        Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund",
                                "--prefix", dir.toString(), "axe-core@" + VERSION).redirectErrorStream(true)
                                .redirectOutput(dir.resolve("npm.log").toFile()).start();
                        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                            throw new IllegalStateException("npm could not install axe-core " + VERSION + ": see "
                                    + dir.resolve("npm.log"));
                        }
                    }
                    source = Files.readString(script, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return source;
        }
    }
}
