package dev.gradfit.api.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.service.FieldError;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredictionRequestTest {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .defaultLocale(Locale.ROOT)
            .buildValidatorFactory()
            .getValidator();

    // No NaN or infinity: the reader refuses them before (FiniteNumbers).
    @ParameterizedTest
    @ValueSource(doubles = {-1, -0.0, 0, 4.9e-324, 0.5, 0.9999999999999999, 1, 1.5, 1e300})
    void findsWhatBeanValidationFinds(double threshold) {
        FeatureMatrix x = new FeatureMatrix(new double[] {1}, 1, 1);
        for (PredictionRequest request : new PredictionRequest[] {
            new PredictionRequest(x, threshold),
            new PredictionRequest(null, threshold),
            new PredictionRequest(x, null),
            new PredictionRequest(null, null)
        }) {
            Set<FieldError> expected = VALIDATOR.validate(request).stream()
                    .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .collect(Collectors.toSet());

            assertThat(Set.copyOf(request.violations())).as(request.toString()).isEqualTo(expected);
        }
    }
}
