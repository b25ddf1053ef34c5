package dev.tasklog.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web admin in a real browser: two runs of the packaged sample under the packaged agent, then
 * {@code tasklog admin} on them, driven by a headless Chromium through chromedriver.
 *
 * <p>Needs {@code -Dit.chromedriver=/usr/bin/chromedriver -Dit.chromium=/usr/bin/chromium} (Debian's
 * {@code chromium-driver} and {@code chromium} packages); skipped without them. Both paths are always given
 * to Selenium, so it never looks for or downloads a driver or a browser itself.
 */
class AdminBrowserIT {

    private static final String ADMIN_PREFIX = "tasklog admin at ";
    private static final Pattern ADMIN_URL = Pattern.compile(Pattern.quote(ADMIN_PREFIX) + "(http://127\\.0\\.0\\.1:\\d+/)");
    private static final List<String> SAMPLE_TASKS =
            List.of("generate-input", "load", "validate", "convert-currency", "aggregate", "write-report");
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Kept so the level sticks: Selenium warns on every start that it has no CDP classes for this Chromium. */
    private static final Logger CDP_VERSION_LOGGER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @Test
    void theAdminListsTheRunsShowsATimelineFiltersTheLogAndCleansUp() throws Exception {
        String driverPath = System.getProperty("it.chromedriver", "").trim();
        String browserPath = System.getProperty("it.chromium", "").trim();
        if (driverPath.isEmpty() || browserPath.isEmpty()
                || !Files.isRegularFile(Path.of(driverPath)) || !Files.isRegularFile(Path.of(browserPath))) {
            Assumptions.assumeTrue(false, "no Chromium/chromedriver (it.chromedriver='" + driverPath + "', it.chromium='"
                    + browserPath + "'): install Debian's chromium and chromium-driver packages and run with"
                    + " -Dit.chromedriver=/usr/bin/chromedriver -Dit.chromium=/usr/bin/chromium to test the web admin");
        }

        Path dir = freshDir("admin-browser");
        for (int i = 1; i <= 2; i++) {
            runSample(dir, i);
        }

        Process admin = null;
        WebDriver driver = null;
        StringBuffer adminOutput = new StringBuffer();
        try {
            admin = new ProcessBuilder(java(), "-jar", agentJar(), "admin", "--port", "0")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String url = adminUrl(admin, adminOutput);

            driver = chrome(driverPath, browserPath, dir);
            try {
                browse(driver, url);
            } catch (Throwable t) {
                saveDiagnostics(driver, dir, t);
                throw t;
            }
        } finally {
            if (driver != null) {
                driver.quit();
            }
            if (admin != null) {
                admin.destroy();
                if (!admin.waitFor(10, TimeUnit.SECONDS)) {
                    admin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            Files.writeString(dir.resolve("admin.log"), adminOutput.toString());
        }
    }

    private static void browse(WebDriver driver, String url) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);

        // the two runs
        driver.get(url + "runs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table#runs")));
        List<WebElement> runs = driver.findElements(By.cssSelector("table#runs tr.run"));
        assertThat(runs).hasSize(2);
        for (WebElement run : runs) {
            String id = run.getDomAttribute("data-id");
            WebElement link = run.findElement(By.cssSelector("a.run-link"));
            assertThat(link.getText()).contains("nightly-orders");
            assertThat(link.getDomAttribute("href")).endsWith("/runs/" + id);
            assertThat(run.findElements(By.cssSelector("span.status.status-WARNING"))).as("status of run %s", id).hasSize(1);
        }

        // the first run's timeline
        String firstId = runs.get(0).getDomAttribute("data-id");
        runs.get(0).findElement(By.cssSelector("a.run-link")).click();
        wait.until(ExpectedConditions.urlContains("/runs/" + firstId));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("svg#timeline rect.bar"), 0));
        List<String> taskBars = new ArrayList<>();
        List<String> subTaskBars = new ArrayList<>();
        for (WebElement bar : driver.findElements(By.cssSelector("svg#timeline rect.bar"))) {
            String kind = bar.getDomAttribute("data-kind");
            if ("TASK".equals(kind)) {
                taskBars.add(bar.getDomAttribute("data-name"));
            } else if ("SUBTASK".equals(kind)) {
                subTaskBars.add(bar.getDomAttribute("data-name"));
            }
        }
        assertThat(taskBars).containsAll(SAMPLE_TASKS);
        assertThat(subTaskBars).isNotEmpty();

        // the log, data lines only
        WebElement onlyData = driver.findElement(By.cssSelector("form#log-filter input[type=checkbox][name=data][value='1']"));
        if (!onlyData.isSelected()) {
            onlyData.click();
        }
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector("form#log-filter button#apply-filter")).click();
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section#logs")));
        List<WebElement> events = driver.findElements(By.cssSelector("section#logs tr.event"));
        assertThat(events).as("log events of run %s with only data lines", firstId).isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(event.getDomAttribute("data-data")).isEqualTo("true"));

        // clean-up of everything
        driver.get(url + "cleanup");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form#cleanup-form")));
        assertThat(driver.findElements(By.cssSelector("form#cleanup-form input[type=hidden][name=token]"))).hasSize(1);
        for (String period : List.of("periodDaysLogs", "periodDaysLogruns")) {
            WebElement input = driver.findElement(By.cssSelector("form#cleanup-form input[name=" + period + "]"));
            input.clear();
            input.sendKeys("0");
        }
        driver.findElement(By.cssSelector("form#cleanup-form button#run-cleanup")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div#cleanup-result")));
        assertThat(count(driver, "div#cleanup-result span.deleted-runs")).isEqualTo(2);
        assertThat(count(driver, "div#cleanup-result span.deleted-log-events-of-runs")).isPositive();

        // no run left
        driver.get(url + "runs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
        assertThat(driver.findElements(By.cssSelector("tr.run"))).isEmpty();
    }

    private static long count(WebDriver driver, String css) {
        String text = driver.findElement(By.cssSelector(css)).getText().trim();
        assertThat(text).as(css).matches("\\d[\\d,]*");
        return Long.parseLong(text.replace(",", ""));
    }

    /** Reads the admin's output until it announces its address; keeps reading (into output) after that. */
    private static String adminUrl(Process admin, StringBuffer output) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(admin.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher m = ADMIN_URL.matcher(line);
                    if (!url.isDone() && line.startsWith(ADMIN_PREFIX) && m.lookingAt()) {
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new IllegalStateException("the admin's output ended before it said where it is"));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, "admin-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return fail("no '" + ADMIN_PREFIX + "http://127.0.0.1:PORT/' line from `tasklog admin --port 0` (alive: "
                    + admin.isAlive() + "); its output:\n" + output, e);
        }
    }

    private static WebDriver chrome(String driverPath, String browserPath, Path dir) {
        CDP_VERSION_LOGGER.setLevel(Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserPath);
        // --no-sandbox: CI runs as root, where Chromium will not start with its sandbox
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        return new ChromeDriver(service, options);
    }

    private static void saveDiagnostics(WebDriver driver, Path dir, Throwable failure) {
        try {
            Files.write(dir.resolve("failure-screenshot.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve("failure-page.html"),
                    "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
            System.err.println("AdminBrowserIT failed at " + driver.getCurrentUrl() + "; screenshot and page source in " + dir);
        } catch (RuntimeException | IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void runSample(Path dir, int n) throws Exception {
        Process p = new ProcessBuilder(java(), "-javaagent:" + agentJar(), "-jar",
                Path.of(System.getProperty("it.sample.jar")).toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Files.writeString(dir.resolve("output-" + n + ".log"), text);
        assertThat(p.exitValue()).as(text).isZero();
    }

    private static Path freshDir(String name) throws IOException {
        Path dir = Path.of(System.getProperty("it.work.dir", "target/it-work"), name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String agentJar() {
        return Path.of(System.getProperty("it.agent.jar")).toAbsolutePath().toString();
    }
}
