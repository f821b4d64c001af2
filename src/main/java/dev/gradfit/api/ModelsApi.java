package dev.gradfit.api;

import dev.gradfit.api.request.CsvFitForm;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.request.PredictionRequest;
import dev.gradfit.api.response.ModelLinks;
import dev.gradfit.api.response.ModelPage;
import dev.gradfit.api.response.ModelResponse;
import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.formats.arrow.ArrowTableReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The model endpoints as the OpenAPI document describes them: paths, bodies, answers and examples. Each operation
 * names its tag (models, or predictions), whose description and order are in {@link OpenApiContract}.
 */
@RequestMapping(path = ModelLinks.MODELS, produces = MediaType.APPLICATION_JSON_VALUE)
interface ModelsApi {

    @Operation(
            tags = "models",
            summary = "Fit a model",
            description = "Fits y' = intercept + Σ coefficients[j]·x[j] by gradient descent and keeps the model"
                    + " under a new id. With only x and y it runs the classic tutorial algorithm: batch"
                    + " gradient descent on the mean squared error, learning rate 0.001, 1000 epochs, from"
                    + " zero. Every other field chooses a loss, optimizer, schedule, penalty, mini-batches,"
                    + " stopping rules or extra reports; see the examples and the request schema. "
                    + ApiDocs.CSV_FIT_DESCRIPTION,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = FitRequest.class),
                                        examples = {
                                            @ExampleObject(name = "y = 2x + 4", value = ApiDocs.FIT_EXAMPLE),
                                            @ExampleObject(
                                                    name = "logistic regression",
                                                    value = ApiDocs.LOGISTIC_EXAMPLE),
                                            @ExampleObject(
                                                    name = "adam, mini-batches, early stopping",
                                                    value = ApiDocs.ADAM_EXAMPLE),
                                            @ExampleObject(
                                                    name = "standardized features",
                                                    value = ApiDocs.STANDARDIZED_EXAMPLE)
                                        }),
                                @Content(
                                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                        schema = @Schema(implementation = CsvFitForm.class),
                                        encoding =
                                                @Encoding(
                                                        name = "options",
                                                        contentType = MediaType.APPLICATION_JSON_VALUE))
                            }))
    @ApiResponse(responseCode = "201", description = "Fitted and stored; Location names the new model.")
    @ApiDocs.BadInput
    @ApiDocs.Diverged
    @ApiDocs.BodyRead
    @ApiDocs.Busy
    @ApiDocs.StoreFull
    @ApiDocs.StoreOutcomeUnknown
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelResponse> fit(@Valid @RequestBody FitRequest request);

    /** The same operation with a CSV upload; documented with {@link #fit}. */
    @Operation(hidden = true)
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ModelResponse> fitCsv(@Parameter(hidden = true) HttpServletRequest request) throws IOException;

    /** The same operation with an Arrow stream; documented with the JSON method by {@link ApiDocs#fitBodies}. */
    @Operation(hidden = true)
    @PostMapping(consumes = ArrowTableReader.MEDIA_TYPE)
    ResponseEntity<ModelResponse> fitArrow(
            @Parameter(hidden = true) @RequestParam(required = false) String target,
            @Parameter(hidden = true) @RequestParam(required = false) String options,
            @Parameter(hidden = true) HttpServletRequest request)
            throws IOException;

    @Operation(
            tags = "models",
            summary = "Continue fitting a model",
            description = "Fits again starting from the weights of the kept model {id} (warm start): on new"
                    + " data, or on the same data for more epochs. The body is a fit request without"
                    + " initialWeights; its settings apply as given (defaults as usual), not the parent's."
                    + " The result is a new model whose parentId is {id}; the parent stays as it was. When"
                    + " the model and the body both have featureNames, the model's coefficients are matched to"
                    + " the body's columns by name, in any order; names that are not the model's are a 400 on"
                    + " featureNames. Without names on either side, the columns are taken in order.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            name = "500 more epochs",
                                                            value = ApiDocs.CONTINUE_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Fitted and stored; Location names the new model.")
    @ApiDocs.BadInput
    @ApiDocs.NotFound
    @ApiDocs.Diverged
    @ApiDocs.BodyRead
    @ApiDocs.Busy
    @ApiDocs.StoreFull
    @ApiDocs.StoreOutcomeUnknown
    @PostMapping(path = "/{id}/fits", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelResponse> refit(
            @Parameter(description = "The model to continue from.") @PathVariable UUID id,
            @Valid @RequestBody FitRequest request);

    @Operation(
            operationId = "listModels",
            tags = "models",
            summary = "List the kept models",
            description = "Summaries (no cost history) of the kept models, newest first, a page at a time.")
    @ApiResponse(responseCode = "200", description = "One page of summaries.")
    @ApiDocs.BadInput
    @ApiDocs.StoreUnavailable
    @GetMapping
    ModelPage list(
            @Parameter(description = "Page number, from 0.") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Models per page, 1 to 1000.")
                    @RequestParam(defaultValue = "20")
                    @Min(1)
                    @Max(1000)
                    int size);

    @Operation(
            operationId = "getModel",
            tags = "models",
            summary = "Get a model",
            description = "The model as its fit returned it, cost history included.")
    @ApiResponse(responseCode = "200", description = "The model.")
    @ApiDocs.NotFound
    @ApiDocs.StoreUnavailable
    @GetMapping("/{id}")
    ModelResponse get(@Parameter(description = "The model's id.") @PathVariable UUID id);

    @Operation(
            tags = "models",
            summary = "Delete a model",
            description = "Removes the model. Its id answers 404 from then on.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiDocs.NotFound
    @ApiDocs.StoreUnavailable
    // A 204 has no body, so a client that accepts only the problem type of the errors is answered too.
    @ApiDocs.StoreOutcomeUnknown
    @DeleteMapping(
            path = "/{id}",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Void> delete(@Parameter(description = "The model's id.") @PathVariable UUID id);

    @Operation(
            tags = "predictions",
            summary = "Predict with a model",
            description = "Returns intercept + Σ coefficients[j]·x[j] for each point of x, in order. x has the"
                    + " shape of the fit's x: numbers for a one-feature model, rows for several features."
                    + " A model fitted with the logistic loss answers with probabilities σ(intercept +"
                    + " Σ coefficients[j]·x[j]) and labels (1 where the probability is at least threshold,"
                    + " 0.5 unless given) instead of predictions. A point whose prediction overflows a double is"
                    + " refused (400, naming it as x[i]).")
    @ApiResponse(responseCode = "200", description = "One prediction per point.")
    @ApiDocs.BadInput
    @ApiDocs.NotFound
    @ApiDocs.BodyRead
    @ApiDocs.Busy
    @PostMapping(path = "/{id}/predictions", consumes = MediaType.APPLICATION_JSON_VALUE)
    PredictionResponse predict(
            @Parameter(description = "The model's id.") @PathVariable UUID id, @RequestBody PredictionRequest request);
}
