package dev.gradfit.api;

import dev.gradfit.api.request.PredictionRequest;
import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.PredictionCommand;
import dev.gradfit.service.PredictionService;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one way a {@code /api/v1} prediction is answered, by the controller and by {@link PredictionFastPath}
 * alike: the body's own checks, then the model's lookup, its checks of the points, the prediction and its
 * memory charge ({@link PredictionService}), then the answer.
 */
@Component
class PredictionFacade {

    private final PredictionService predictions;

    PredictionFacade(PredictionService predictions) {
        this.predictions = predictions;
    }

    /**
     * The answer to {@code request} for the model {@code id}, its array of answers charged to {@code account}.
     *
     * @throws InvalidRequestException if the body or its points are not what the model takes
     * @throws dev.gradfit.service.ModelNotFoundException if no model has the id
     */
    PredictionResponse predict(UUID id, PredictionRequest request, MemoryAccount account) {
        List<FieldError> errors = request.violations();
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (request.rows() != null) {
            if (request.x() != null) {
                throw new InvalidRequestException(
                        List.of(new FieldError("x", "and rows are two forms of the points; send one")));
            }
            return PredictionResponse.of(predictions.predict(
                    PredictionCommand.ofRows(id, request.rows(), request.threshold(), request.offset()), account));
        }
        var x = request.x();
        if (x == null) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "x", "must not be null: send the points as x, or raw rows as rows to a model fitted from rows")));
        }
        return PredictionResponse.of(predictions.predict(
                new PredictionCommand(
                        id, x.values(), x.rows(), x.columns(), request.threshold(), request.offset(), x.names()),
                account));
    }
}
