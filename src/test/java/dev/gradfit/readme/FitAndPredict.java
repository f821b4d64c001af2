package dev.gradfit.readme;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Fits the line y = 2x + 4 and predicts from the model, with Spring's RestClient. */
public class FitAndPredict {

    record Weights(double intercept, List<Double> coefficients) {}

    record Model(String id, Weights weights) {}

    record Predictions(String modelId, List<Double> predictions) {}

    public static void main(String[] args) {
        RestClient gradfit = RestClient.create("http://localhost:8080");
        Model model = fit(gradfit);
        System.out.println(model.weights()); // Weights[intercept=3.99999..., coefficients=[2.00000...]]
        System.out.println(predict(gradfit, model).predictions()); // [16.0, 18.0, 24.0], to within rounding
    }

    static Model fit(RestClient gradfit) {
        return gradfit.post()
                .uri("/api/v1/models")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "x",
                        List.of(1, 2, 3, 4, 5),
                        "y",
                        List.of(6, 8, 10, 12, 14),
                        "learningRate",
                        0.05,
                        "epochs",
                        2000))
                .retrieve()
                .body(Model.class);
    }

    static Predictions predict(RestClient gradfit, Model model) {
        return gradfit.post()
                .uri("/api/v1/models/{id}/predictions", model.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("x", List.of(6, 7, 10)))
                .retrieve()
                .body(Predictions.class);
    }
}
