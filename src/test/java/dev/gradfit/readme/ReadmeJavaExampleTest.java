package dev.gradfit.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** The README's Java example is FitAndPredict, word for word, and it fits and predicts what the README says. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeJavaExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/gradfit/readme/FitAndPredict.java");

    private static final Pattern JAVA_EXAMPLE =
            Pattern.compile("<!-- example: java -->\\n```java\\n(.*?)```\\n", Pattern.DOTALL);

    /** Descent contracts the error by at least 0.9 an epoch here; after 2000 epochs only rounding is left. */
    private static final double TOLERANCE = 1e-9;

    @LocalServerPort
    private int port;

    @Test
    void readmeShowsTheExampleSourceWithoutItsPackageLine() throws Exception {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String shown = source.replaceFirst("(?s)^package [^;]+;\\n\\n", "");
        Matcher block = JAVA_EXAMPLE.matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));

        assertThat(block.find())
                .as("README.md has a ```java block after <!-- example: java -->")
                .isTrue();
        assertThat(block.group(1))
                .as("README.md's Java example must be %s without its package line; paste this:%n%s", SOURCE, shown)
                .isEqualTo(shown);
    }

    @Test
    void fitsTheTutorialLineAndPredictsFromIt() {
        RestClient gradfit = RestClient.create("http://localhost:" + port);

        FitAndPredict.Model model = FitAndPredict.fit(gradfit);
        FitAndPredict.Predictions predictions = FitAndPredict.predict(gradfit, model);

        // Least squares through the points of y = 2x + 4 gives exactly intercept 4 and slope 2.
        assertThat(model.weights().intercept()).isCloseTo(4.0, within(TOLERANCE));
        assertThat(model.weights().coefficients())
                .singleElement()
                .satisfies(slope -> assertThat(slope).isCloseTo(2.0, within(TOLERANCE)));
        assertThat(predictions.modelId()).isEqualTo(model.id());
        assertThat(predictions.predictions()).hasSize(3);
        assertThat(predictions.predictions().get(0)).isCloseTo(16.0, within(10 * TOLERANCE));
        assertThat(predictions.predictions().get(1)).isCloseTo(18.0, within(10 * TOLERANCE));
        assertThat(predictions.predictions().get(2)).isCloseTo(24.0, within(10 * TOLERANCE));
    }
}
