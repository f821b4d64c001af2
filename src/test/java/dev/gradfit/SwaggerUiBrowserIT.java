package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Swagger UI as a person uses it, in headless Chromium: open the page, expand the fit operation, click
 * "Try it out" (springdoc is set up with it off), execute the example and see a 201 with weights. Uses
 * Debian's chromium and chromium-driver (no driver downloads); skipped when they are missing. Leaves a
 * screenshot in target/swagger-ui-fit.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SwaggerUiBrowserIT {

    private static final String FIT_OPERATION = "#operations-models-fit";

    @LocalServerPort
    private int port;

    @BeforeAll
    static void needsABrowser() {
        HeadlessChromium.assumeInstalled("SwaggerUiBrowserIT");
    }

    @Test
    void fitsTheExampleFromSwaggerUi(@TempDir Path profile) throws Exception {
        WebDriver browser = HeadlessChromium.start(profile, "--window-size=1280,2400");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:" + port + "/swagger-ui/index.html");

            wait.until(elementToBeClickable(By.cssSelector(FIT_OPERATION + " .opblock-summary")))
                    .click();
            wait.until(elementToBeClickable(By.cssSelector(FIT_OPERATION + " .try-out__btn")))
                    .click();
            wait.until(elementToBeClickable(By.cssSelector(FIT_OPERATION + " .execute")))
                    .click();
            String status = wait.until(visibilityOfElementLocated(By.cssSelector(
                            FIT_OPERATION + " .live-responses-table tr.response td.response-col_status")))
                    .getText();
            String body = browser.findElement(By.cssSelector(FIT_OPERATION + " .live-responses-table .microlight"))
                    .getText();
            screenshot(browser);

            assertThat(status).startsWith("201");
            assertThat(body).contains("\"weights\"", "\"intercept\"", "\"coefficients\"");
            System.out.println("SwaggerUiBrowserIT: executed the fit example in " + HeadlessChromium.CHROMIUM
                    + ", status " + status);
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(WebDriver browser) throws Exception {
        Path target = Path.of(System.getProperty("gradfit.project.dir", "."), "target", "swagger-ui-fit.png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }
}
