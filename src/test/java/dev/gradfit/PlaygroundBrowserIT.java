package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The playground at {@code /} as a person uses it, in headless Chromium: generate the tutorial's data, run a
 * fit job, watch its progress arrive and read weights that match the closed-form least-squares line of the
 * generated points; run a diverging learning rate and read the hint and the largest stable rate (checked
 * against 2/λmax of the data's Hessian); cancel a long fit; fit Fisher's irises by class, three species with
 * softmax and two with the logistic loss, and see each class in its colour, marker and legend entry with its
 * probability curve; fit a table with a text column and empty cells, sent as rows, and read its weights by
 * their design names; and use the page at a phone's width. Progress is
 * reported every 20 ms here instead of 250 ms, so that a fit of a second shows many events on any machine.
 * Uses Debian's chromium and chromium-driver, skipped when they are missing; leaves screenshots in target/
 * (playground-fit.png, playground-diverged.png, playground-softmax.png, playground-logistic-classes.png,
 * playground-table.png, playground-phone-table.png, playground-phone.png, playground-phone-result.png and playground-phone-classes.png).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gradfit.jobs.progress-interval=20ms")
class PlaygroundBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static ChromeDriver browser;
    private static long started;

    @LocalServerPort
    private int port;

    @BeforeAll
    static void startTheBrowser(@TempDir Path profile) {
        HeadlessChromium.assumeInstalled("PlaygroundBrowserIT");
        started = System.nanoTime();
        browser = HeadlessChromium.start(profile, "--hide-scrollbars", "--force-device-scale-factor=1");
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
            System.out.printf(
                    "PlaygroundBrowserIT: ran in %s, %.1f s%n",
                    HeadlessChromium.CHROMIUM, (System.nanoTime() - started) / 1e9);
        }
    }

    @BeforeEach
    void openThePlayground() {
        browser.get("http://localhost:" + port + "/");
        viewport(1280, 800);
        assertThat(browser.getTitle()).isEqualTo("gradfit playground");
    }

    @Test
    void fitsTheTutorialLineWhileDrawingItsProgress() throws Exception {
        type("points", "200");
        type("noise", "0.3");
        click("generate");
        type("epochs", "400000");
        click("run");

        // The first progress event is epoch 0; a second one moves the counter on.
        new WebDriverWait(browser, PATIENCE).until(d -> Integer.parseInt(text("progress-count")) > 1);
        int epochSeen = Integer.parseInt(text("progress-epoch").split(" ")[0]);
        waitForText("status", "Done");
        int progressEvents = Integer.parseInt(text("progress-count"));
        double[][] points = points();
        double[] expected = leastSquares(points[0], points[1]);
        double intercept = Double.parseDouble(text("result-intercept"));
        double slope = Double.parseDouble(text("result-coefficients"));
        waitForTheFinalDrawing();
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("playground-fit.png");

        assertThat(progressEvents).as("progress events drawn").isGreaterThan(1);
        assertThat(epochSeen).isPositive();
        assertThat(text("progress-epoch")).isEqualTo("400000 of 400000");
        // The page shows 6 significant digits of weights that 400000 epochs took to the minimum.
        assertThat(intercept).isCloseTo(expected[0], within(1e-4));
        assertThat(slope).isCloseTo(expected[1], within(1e-4));
        // 200 points with noise 0.3 pin the line y = 2x + 4 down to a few hundredths.
        assertThat(intercept).isCloseTo(4, within(0.2));
        assertThat(slope).isCloseTo(2, within(0.1));
        assertThat(text("result-stop")).isEqualTo("EPOCHS");
        assertThat(text("result-metrics")).contains("MSE", "R²");
        assertThat(browser.findElement(By.id("result-model")).getDomAttribute("href"))
                .matches("/api/v1/models/[0-9a-f-]{36}");
        assertThat(browser.findElement(By.id("plot-residuals")).getDomAttribute("href"))
                .endsWith("/plots/residuals.svg");
        System.out.println("PlaygroundBrowserIT: drew " + progressEvents + " progress events, intercept " + intercept
                + ", slope " + slope);
    }

    @Test
    void showsTheHintAndTheLargestStableRateOfADivergingFit() throws Exception {
        click("generate");
        type("learning-rate", "10");
        click("run");

        waitForVisible("problem");
        double[][] points = points();
        double shown = Double.parseDouble(text("max-stable-rate"));
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("playground-diverged.png");

        assertThat(text("problem-title")).isEqualTo("Fit diverged");
        assertThat(text("problem-hint")).contains("learningRate below");
        // Plain descent on J = (1/n)·Σ(b + w·x − y)² is stable below 2/λmax of its Hessian 2·[[1, x̄], [x̄, x²̄]].
        assertThat(shown).isCloseTo(maxStableRate(points[0]), within(1e-5 * shown));
        assertThat(text("job-state")).isEqualTo("FAILED");

        click("use-stable-rate");
        assertThat(Double.parseDouble(value("learning-rate"))).isLessThan(shown);
        click("run");
        waitForText("status", "Done");
        assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
    }

    @Test
    void fitsAnUploadedCsvOfTwoFeatures(@TempDir Path folder) throws Exception {
        // y = 1 + 2a + 3b exactly, on a 5 × 5 grid: least squares recovers the plane itself.
        StringBuilder csv = new StringBuilder("a;b;y\n");
        for (int i = 0; i < 25; i++) {
            int a = i % 5;
            int b = i / 5;
            csv.append(a)
                    .append(';')
                    .append(b)
                    .append(';')
                    .append(1 + 2 * a + 3 * b)
                    .append('\n');
        }
        Path file = Files.writeString(folder.resolve("plane.csv"), csv);
        browser.findElement(By.id("file")).sendKeys(file.toString());
        waitForText("data-summary", "25 points, 2 features (header: a, b, y)");
        type("learning-rate", "0.5");
        type("epochs", "3000");
        browser.findElement(By.id("standardize")).click();
        click("run");
        waitForText("status", "Done");

        String[] coefficients = text("result-coefficients").split(", ");
        assertThat(Double.parseDouble(text("result-intercept"))).isCloseTo(1, within(1e-6));
        assertThat(Double.parseDouble(coefficients[0])).isCloseTo(2, within(1e-6));
        assertThat(Double.parseDouble(coefficients[1])).isCloseTo(3, within(1e-6));
        assertThat(browser.findElement(By.id("fit-chart")).getDomAttribute("aria-label"))
                .contains("line is drawn for one feature only");
    }

    @Test
    void cancelsARunningFit() {
        type("points", "2000");
        click("generate");
        type("learning-rate", "0.001");
        type("epochs", "1000000");
        type("batch-size", "1");
        click("run");

        new WebDriverWait(browser, PATIENCE).until(d -> Integer.parseInt(text("progress-count")) > 1);
        click("cancel");
        waitForText("job-state", "CANCELED");

        assertThat(text("status")).contains("canceled");
        assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("run")).isEnabled()).isTrue();
    }

    @Test
    void fitsThreeIrisSpeciesWithSoftmaxAndDrawsEachClassInItsOwnColour() throws Exception {
        consoleErrors(); // only this test's messages count
        new Select(browser.findElement(By.id("preset"))).selectByValue("iris-species");
        click("load-preset");
        waitForText("data-summary", "150 points, 1 feature (header: petal_length, species)");
        assertThat(value("loss")).isEqualTo("softmax");
        // Before the fit: the points by class, but no curves.
        assertThat(legendNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(text("fit-legend"))
                .contains("setosa (50 points, circle markers)", "versicolor (50 points, square markers)");
        assertThat(curvePixels())
                .as("pixels of each class's colour above the lanes, before the fit")
                .containsOnly(0L);

        click("run");
        waitForText("status", "Done");
        waitForTheFinalDrawing();
        scrollTo("charts-heading");
        screenshot("playground-softmax.png");

        assertThat(legendNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(text("result-classes")).isEqualTo("setosa, versicolor, virginica");
        assertThat(text("result-intercept")).startsWith("setosa: ").contains("; versicolor: ", "; virginica: ");
        assertThat(browser.findElement(By.id("fit-chart")).getDomAttribute("data-curves"))
                .isEqualTo("true");
        // Each curve rises above 0.4 somewhere: its class's colour fills dozens of pixels of the chart's upper
        // half (the dotted one the fewest; before the fit, none).
        assertThat(curvePixels())
                .as("pixels of each class's colour above the lanes")
                .allMatch(n -> n > 40);
        // The curves are the model's: the page's table of them matches the server's own predictions.
        List<List<Double>> table = curvesTable();
        List<List<Number>> served = serverProbabilities(
                browser.findElement(By.id("result-model")).getDomAttribute("href"),
                table.stream().map(row -> row.get(0)).toList());
        for (int i = 0; i < table.size(); i++) {
            for (int k = 0; k < 3; k++) {
                double expected = served.get(i).get(k).doubleValue();
                // The table shows 4 significant digits.
                assertThat(table.get(i).get(k + 1))
                        .as("P(class %d) at x = %s", k, table.get(i).get(0))
                        .isCloseTo(expected, within(5e-4 * expected + 1e-12));
            }
        }
        // Two cuts of petal length separate the species at best with 7 irises wrong (143 of 150 right, found by
        // trying every cut); the argmax of three linear scores is two such cuts, and descent finds the best.
        double[] lengths = irisColumn();
        List<String> species = irisSpecies();
        double[] cuts = mostProbableCuts(
                browser.findElement(By.id("fit-chart")).getDomAttribute("aria-label"),
                "setosa",
                "versicolor",
                "virginica");
        assertThat(rightByCuts(lengths, species, cuts[0], cuts[1]))
                .isEqualTo(bestTwoCuts(lengths, species))
                .isEqualTo(143);
        assertThat(text("result-metrics")).contains("accuracy 0.9533");
        // The server's own picture of the class curves loads (one feature), as do the links to it.
        assertThat(browser.findElement(By.id("plot-fit")).getDomAttribute("href"))
                .endsWith("/plots/fit.svg");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> ((Number) ((JavascriptExecutor) d)
                                        .executeScript("return document.getElementById('fit-svg').naturalWidth"))
                                .intValue()
                        > 0);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void fitsTwoNamedIrisSpeciesWithTheLogisticLossInTheirColours() throws Exception {
        consoleErrors();
        new Select(browser.findElement(By.id("preset"))).selectByValue("iris-two");
        click("load-preset");
        waitForText("data-summary", "100 points, 1 feature");
        click("run");
        waitForText("status", "Done");
        waitForTheFinalDrawing();
        scrollTo("charts-heading");
        screenshot("playground-logistic-classes.png");

        assertThat(legendNames()).containsExactly("versicolor", "virginica");
        assertThat(curvePixels()).hasSize(2).allMatch(n -> n > 40);
        assertThat(text("result-classes")).isEqualTo("versicolor, virginica");
        // statsmodels 0.14, Logit(virginica ~ 1 + petal length) on the same 100 irises, fitted by Newton to
        // tol 1e-12: intercept −43.78088436, slope 9.00199503. lbfgs stops within about 1e-7 of it; the page
        // shows 6 significant digits.
        assertThat(Double.parseDouble(text("result-intercept"))).isCloseTo(-43.78088436, within(1e-4));
        assertThat(Double.parseDouble(text("result-coefficients"))).isCloseTo(9.00199503, within(1e-5));
        assertThat(browser.findElement(By.id("fit-chart")).getDomAttribute("aria-label"))
                // The maximum-likelihood cut: 43.78088436 / 9.00199503 = 4.8635, shown to 3 significant digits.
                .contains("most probable over the data's range: versicolor below 4.86, virginica above 4.86");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void fitsThePoissonCountsExample() {
        new Select(browser.findElement(By.id("preset"))).selectByValue("counts");
        click("load-preset");
        waitForText("data-summary", "200 points, 1 feature (header: x, count)");
        click("run");
        waitForText("status", "Done");

        // statsmodels 0.14, GLM(count ~ 1 + x, family=Poisson()) on the 200 counts the page generated (seed 7):
        // intercept 0.51416528, slope 0.40248072 (the generator's are 0.5 and 0.4). The page shows 6 digits.
        assertThat(Double.parseDouble(text("result-intercept"))).isCloseTo(0.51416528, within(1e-5));
        assertThat(Double.parseDouble(text("result-coefficients"))).isCloseTo(0.40248072, within(1e-5));
        assertThat(text("result-metrics")).contains("mean deviance");
        assertThat(browser.findElement(By.id("fit-legend")).isDisplayed()).isFalse();
    }

    /**
     * The flats example: a text column (city) and empty cells (sizes and cities). statsmodels 0.14 on the page's
     * CSV, ols("price ~ size + city + rooms"), with the empty sizes filled with their mean (65.8153846) and the
     * empty cities with the most frequent (Rome, 12 of 27); and again on the 23 complete rows, statsmodels' own
     * way with missing cells. The names are patsy's, in its order.
     */
    private static final List<String> FLAT_TERMS =
            List.of("Intercept", "city[T.Paris]", "city[T.Rome]", "size", "rooms");

    private static final double[] FLATS_BY_MEAN = {
        48.4221066054, 55.5029729191, -16.5360522599, 2.4172512929, 10.7577182341
    };
    private static final double[] FLATS_COMPLETE = {
        38.8933105563, 64.5010288848, -16.1279862816, 2.4187608147, 8.5382354023
    };

    @Test
    void fitsATableWithATextColumnAndEmptyCellsAsRows() throws Exception {
        consoleErrors();
        new Select(browser.findElement(By.id("preset"))).selectByValue("flats");
        click("load-preset");
        waitForText(
                "data-summary",
                "30 rows of a table (header: size, city, rooms, price); target price, 3 input"
                        + " columns, text in city, some cells empty.");
        assertThat(value("target")).isEqualTo("price");
        assertThat(value("missing"))
                .as("the missing-cell choice of a CSV with empty cells")
                .isEqualTo("mean");
        click("run");
        waitForText("status", "Done");
        scrollTo("result-heading");
        screenshot("playground-table.png");

        Map<String, Double> shown = namedWeights();
        assertThat(shown.keySet()).containsExactlyElementsOf(FLAT_TERMS);
        assertThat(text("result-design")).isEqualTo("inputs size, city, rooms; empty cells: mean; 0 rows dropped");
        assertThat(browser.findElement(By.id("request-json")).getDomProperty("textContent"))
                .contains("\"rows\": [", "\"target\": \"price\"", "\"missing\": \"mean\"")
                .doesNotContain("\"x\":");
        // The same rows, made by this test from the page's CSV and fitted by POST /api/v1/models with the same
        // settings: the same weights, to the 6 significant digits the page shows.
        String model = fitOverHttp(flatRows(value("csv")), "mean");
        assertThat((List<Object>) JsonPath.read(model, "$.featureNames"))
                .containsExactlyElementsOf(FLAT_TERMS.subList(1, FLAT_TERMS.size()));
        List<Double> served = new ArrayList<>();
        served.add(JsonPath.<Number>read(model, "$.weights.intercept").doubleValue());
        JsonPath.<List<Number>>read(model, "$.weights.coefficients").forEach(c -> served.add(c.doubleValue()));
        for (int j = 0; j < FLAT_TERMS.size(); j++) {
            double value = shown.get(FLAT_TERMS.get(j));
            assertThat(value).as(FLAT_TERMS.get(j)).isCloseTo(served.get(j), within(5e-6 * Math.abs(served.get(j))));
            // lbfgs stops within about 1e-7 relative of the least-squares weights; the page rounds to 6 digits.
            assertThat(value)
                    .as(FLAT_TERMS.get(j))
                    .isCloseTo(FLATS_BY_MEAN[j], within(1e-5 * Math.abs(FLATS_BY_MEAN[j])));
        }

        new Select(browser.findElement(By.id("missing"))).selectByValue("skip");
        click("run");
        waitForText("result-design", "7 rows dropped");
        Map<String, Double> complete = namedWeights();
        for (int j = 0; j < FLAT_TERMS.size(); j++) {
            assertThat(complete.get(FLAT_TERMS.get(j)))
                    .as(FLAT_TERMS.get(j))
                    .isCloseTo(FLATS_COMPLETE[j], within(1e-5 * Math.abs(FLATS_COMPLETE[j])));
        }

        // The table's choices and its named weights fit a phone's width too.
        viewport(390, 844);
        scrollTo("result-heading");
        screenshot("playground-phone-table.png");
        long overflow = (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("horizontal overflow in CSS pixels").isLessThanOrEqualTo(0);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void fitsAPastedTableForTheChosenTargetColumn() {
        consoleErrors();
        // price = 10 + 2·size + 5·[city = Paris] − 3·[city = Rome] exactly, the target first, the
        // text in a feature column and no empty cell.
        type(
                "csv",
                "price;city;size\n12;Lyon;1\n19;Paris;2\n13;Rome;3\n18;Lyon;4\n25;Paris;5\n19;Rome;6\n29;Paris;7\n");
        waitForText(
                "data-summary",
                "7 rows of a table (header: price, city, size); target size, 2 input columns, text in city.");
        assertThat(value("missing"))
                .as("gradfit's own default without empty cells")
                .isEqualTo("refuse");
        new Select(browser.findElement(By.id("target"))).selectByValue("price");
        waitForText("data-summary", "target price, 2 input columns, text in city.");
        new Select(browser.findElement(By.id("optimizer"))).selectByValue("lbfgs");
        type("epochs", "200");
        click("run");
        waitForText("status", "Done");

        Map<String, Double> shown = namedWeights();
        assertThat(shown.keySet()).containsExactly("Intercept", "city[T.Paris]", "city[T.Rome]", "size");
        // The data are exactly linear: lbfgs reaches the generating weights to about 1e-7; the page shows 6 digits.
        double[] expected = {10, 5, -3, 2};
        int j = 0;
        for (double value : shown.values()) {
            assertThat(value).isCloseTo(expected[j++], within(1e-5));
        }
        assertThat(text("result-design")).isEqualTo("inputs city, size; empty cells: refuse; 0 rows dropped");
        assertThat(consoleErrors()).isEmpty();
    }

    /** The result's table of weights by design name, in its order. */
    private static Map<String, Double> namedWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#result-names tbody tr"))) {
            weights.put(
                    row.findElement(By.tagName("th")).getText(),
                    Double.parseDouble(row.findElement(By.tagName("td")).getText()));
        }
        return weights;
    }

    /** The CSV "size,city,rooms,price" as JSON rows: numbers, the city as a string, an empty cell as null. */
    private static String flatRows(String csv) {
        return csv.lines()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(line -> {
                    String[] cells = line.split(",", -1);
                    return "{\"size\":" + (cells[0].isEmpty() ? "null" : cells[0])
                            + ",\"city\":" + (cells[1].isEmpty() ? "null" : "\"" + cells[1] + "\"")
                            + ",\"rooms\":" + cells[2] + ",\"price\":" + cells[3] + "}";
                })
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** POST /api/v1/models with these rows and the flats example's settings, over HTTP; the model's JSON. */
    private String fitOverHttp(String rows, String missing) throws Exception {
        String body = "{\"rows\":" + rows + ",\"target\":\"price\",\"design\":{\"missing\":\"" + missing + "\"},"
                + "\"loss\":\"squared\",\"optimizer\":{\"type\":\"lbfgs\"},\"learningRate\":0.05,\"epochs\":200,"
                + "\"standardize\":false}";
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/models"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return answer.body();
    }

    @Test
    void refusesClassNamesForARegressionLoss() {
        new Select(browser.findElement(By.id("preset"))).selectByValue("iris-species");
        click("load-preset");
        new Select(browser.findElement(By.id("loss"))).selectByValue("squared");
        click("run");

        assertThat(text("status")).contains("class names", "softmax");
        assertThat(browser.findElement(By.id("loss")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("request-json")).getDomProperty("textContent"))
                .isEqualTo("Nothing sent yet.");
    }

    @Test
    void fitsOnAPhoneWidth() throws Exception {
        viewport(390, 844);
        browser.navigate().refresh();
        click("generate");
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("playground-phone.png");
        click("run");
        waitForText("status", "Done");
        waitForTheFinalDrawing();
        scrollTo("status-heading");
        screenshot("playground-phone-result.png");

        long overflow = (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("horizontal overflow in CSS pixels").isLessThanOrEqualTo(0);
        assertThat(Double.parseDouble(text("result-intercept"))).isCloseTo(4, within(0.5));
    }

    /** The class names of the chart's legend, in its order. */
    private static List<String> legendNames() {
        return browser.findElements(By.cssSelector("#fit-legend .class-name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /**
     * For each class of the legend, the count of the chart's pixels in its colour (within 8 of each channel,
     * so only where a curve is nearly opaque) in the upper half of the canvas: above the lanes of points, where
     * only the curves are drawn.
     */
    @SuppressWarnings("unchecked")
    private static List<Long> curvePixels() {
        return (List<Long>) browser.executeScript("""
                const canvas = document.getElementById("fit-chart");
                const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, Math.floor(canvas.height / 2)).data;
                const names = [...document.querySelectorAll("#fit-legend .class-name")];
                return names.map((_, k) => {
                  const hex = Charts.classStyle(k).color;
                  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
                  let count = 0;
                  for (let i = 0; i < data.length; i += 4) {
                    if (data[i + 3] > 240 && Math.abs(data[i] - rgb[0]) <= 8 && Math.abs(data[i + 1] - rgb[1]) <= 8
                        && Math.abs(data[i + 2] - rgb[2]) <= 8) {
                      count++;
                    }
                  }
                  return count;
                });
                """);
    }

    /** The rows of the page's table of the curves: x, then each class's probability. */
    private static List<List<Double>> curvesTable() {
        return browser.findElements(By.cssSelector("#curves-table tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream()
                        .map(cell -> Double.parseDouble(
                                cell.getDomProperty("textContent").trim()))
                        .toList())
                .toList();
    }

    /** The model's probabilities at these x, as POST /api/v1/models/{id}/predictions answers them. */
    @SuppressWarnings("unchecked")
    private static List<List<Number>> serverProbabilities(String model, List<Double> x) {
        Map<String, Object> answer = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + "/predictions", {method: "POST", headers: {"Content-Type": "application/json"},
                    body: JSON.stringify({x: arguments[1]})})
                  .then((response) => response.json()).then(done, (e) => done({error: String(e)}));
                """, model, x);
        assertThat(answer).containsKey("probabilities");
        return (List<List<Number>>) answer.get("probabilities");
    }

    /** The page's cuts between the three classes, read from the chart's description ("a below c1, b from c1 to c2, …"). */
    private static double[] mostProbableCuts(String description, String first, String second, String third) {
        Matcher matcher = Pattern.compile(Pattern.quote(first) + " below ([-0-9.e]+), " + Pattern.quote(second)
                        + " from ([-0-9.e]+) to ([-0-9.e]+), " + Pattern.quote(third) + " above ([-0-9.e]+)")
                .matcher(description);
        assertThat(matcher.find()).as("the cuts in %s", description).isTrue();
        return new double[] {Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(3))};
    }

    /** The irises' petal lengths, as the page holds them in its CSV box. */
    private static double[] irisColumn() {
        return irisRows().stream()
                .mapToDouble(row -> Double.parseDouble(row[0]))
                .toArray();
    }

    private static List<String> irisSpecies() {
        return irisRows().stream().map(row -> row[1]).toList();
    }

    private static List<String[]> irisRows() {
        return value("csv")
                .lines()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(line -> line.split(","))
                .toList();
    }

    /** How many irises the rule "setosa below low, versicolor up to high, virginica above" gets right. */
    private static int rightByCuts(double[] lengths, List<String> species, double low, double high) {
        int right = 0;
        for (int i = 0; i < lengths.length; i++) {
            String guess = lengths[i] < low ? "setosa" : lengths[i] < high ? "versicolor" : "virginica";
            right += guess.equals(species.get(i)) ? 1 : 0;
        }
        return right;
    }

    /** The most irises any two cuts get right, trying every cut below, between or above the distinct lengths. */
    private static int bestTwoCuts(double[] lengths, List<String> species) {
        double[] values = java.util.Arrays.stream(lengths).distinct().sorted().toArray();
        int n = values.length;
        double[] cuts = new double[n + 1];
        cuts[0] = values[0] - 1;
        cuts[n] = values[n - 1] + 1;
        for (int i = 1; i < n; i++) {
            cuts[i] = (values[i - 1] + values[i]) / 2;
        }
        int best = 0;
        for (int a = 0; a <= n; a++) {
            for (int b = a; b <= n; b++) {
                best = Math.max(best, rightByCuts(lengths, species, cuts[a], cuts[b]));
            }
        }
        return best;
    }

    /** The page's console errors since the last call, as text. */
    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    @Test
    void drawsTheClassesOnAPhoneWidth() throws Exception {
        viewport(390, 844);
        browser.navigate().refresh();
        new Select(browser.findElement(By.id("preset"))).selectByValue("iris-species");
        click("load-preset");
        click("run");
        waitForText("status", "Done");
        waitForTheFinalDrawing();
        browser.findElement(By.cssSelector("#curves summary")).click();
        scrollTo("charts-heading");
        screenshot("playground-phone-classes.png");

        long overflow = (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("horizontal overflow in CSS pixels").isLessThanOrEqualTo(0);
        assertThat(browser.findElement(By.id("curves-table")).isDisplayed()).isTrue();
        assertThat(legendNames()).containsExactly("setosa", "versicolor", "virginica");
    }

    /** Sizes the window so that the page itself gets this many CSS pixels, whatever the browser's own frame takes. */
    private static void viewport(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        long innerWidth = (Long) browser.executeScript("return window.innerWidth");
        long innerHeight = (Long) browser.executeScript("return window.innerHeight");
        browser.manage()
                .window()
                .setSize(new Dimension(width + (int) (width - innerWidth), height + (int) (height - innerHeight)));
    }

    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static void click(String id) {
        new WebDriverWait(browser, PATIENCE)
                .until(elementToBeClickable(By.id(id)))
                .click();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    private static void waitForText(String id, String text) {
        new WebDriverWait(browser, PATIENCE).until(textToBePresentInElementLocated(By.id(id), text));
    }

    private static void waitForVisible(String id) {
        new WebDriverWait(browser, PATIENCE).until(visibilityOfElementLocated(By.id(id)));
    }

    /** The generated points, x and y, as the page holds them in its CSV box (a header "x,y" first). */
    private static double[][] points() {
        List<double[]> rows = new ArrayList<>();
        for (String line : value("csv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("x")) {
                String[] cells = line.split(",");
                rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1])});
            }
        }
        return new double[][] {
            rows.stream().mapToDouble(r -> r[0]).toArray(),
            rows.stream().mapToDouble(r -> r[1]).toArray()
        };
    }

    /** The closed-form least-squares line: {intercept, slope}. */
    private static double[] leastSquares(double[] x, double[] y) {
        double meanX = mean(x);
        double meanY = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }
        double slope = sxy / sxx;
        return new double[] {meanY - slope * meanX, slope};
    }

    /** 2/λmax, λmax the largest eigenvalue of the mean squared error's Hessian 2·[[1, x̄], [x̄, mean of x²]]. */
    private static double maxStableRate(double[] x) {
        double a = 1;
        double b = mean(x);
        double c = 0;
        for (double v : x) {
            c += v * v / x.length;
        }
        double largest = (a + c) / 2 + Math.sqrt((a - c) * (a - c) / 4 + b * b);
        return 2 / (2 * largest);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** After the page has drawn the model's own cost history, once any replay of the descent has ended. */
    private static void waitForTheFinalDrawing() {
        new WebDriverWait(browser, PATIENCE)
                .until(d ->
                        "true".equals(browser.findElement(By.id("cost-chart")).getDomAttribute("data-final")));
    }

    private static void scrollTo(String id) {
        browser.executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", id);
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of(System.getProperty("gradfit.project.dir", "."), "target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
    }
}
