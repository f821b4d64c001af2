package dev.gradfit.api.oip;

import dev.gradfit.api.request.MemoryAccounts;
import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.config.FitProperties;
import dev.gradfit.design.table.Table;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelIds;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.ModelNotFoundException;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.Prediction;
import dev.gradfit.service.PredictionCommand;
import dev.gradfit.service.PredictionService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** Health, metadata and inference in the Open Inference Protocol; {@link OipApi} holds the mappings. */
@RestController
class OipController implements OipApi {

    private static final String THRESHOLD = "threshold";

    private final ModelService models;
    private final PredictionService predictions;
    private final FitProperties limits;
    private final ServerHealth health;
    private final String version;

    OipController(
            ModelService models,
            PredictionService predictions,
            FitProperties limits,
            ServerHealth health,
            ObjectProvider<BuildProperties> build) {
        this.models = models;
        this.predictions = predictions;
        this.limits = limits;
        this.health = health;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    @Override
    public ServerMetadata serverMetadata() {
        return new ServerMetadata(ModelSignature.PLATFORM, version, List.of());
    }

    @Override
    public ResponseEntity<Void> live() {
        return answer(health.live());
    }

    @Override
    public ResponseEntity<Void> ready() {
        return answer(health.ready());
    }

    @Override
    public ResponseEntity<Void> modelReady(String name, String version) {
        find(name, version);
        return ResponseEntity.ok().build();
    }

    @Override
    public ModelMetadata modelMetadata(String name, String version) {
        return ModelSignature.of(find(name, version)).metadata();
    }

    @Override
    public InferenceResponse infer(String name, String version, InferenceRequest request) {
        FittedModel model = find(name, version);
        ModelSignature signature = ModelSignature.of(model);
        List<String> outputs = outputs(request.outputs(), signature);
        Double threshold = threshold(request.parameters(), signature);
        MemoryAccount account = MemoryAccounts.current();
        Prediction prediction;
        int rows;
        if (signature.rows()) {
            Table table = DesignTensors.read(request.inputs(), signature.columns(), limits);
            rows = table.rows();
            account.charge(8L * rows * outputs.size());
            try {
                // The design matrix is charged as for rows sent to /api/v1 predictions.
                prediction = predictions.predict(PredictionCommand.ofRows(model.id(), table, threshold, null), account);
            } catch (InvalidRequestException refused) {
                throw DesignTensors.renamed(refused, request.inputs());
            }
        } else {
            InputTensors.Rows points = InputTensors.read(
                    request.inputs(), signature.features(), signature.featureNames(), limits, account);
            rows = points.rows();
            account.charge(8L * rows * outputs.size());
            prediction = predictions.predict(
                    new PredictionCommand(model.id(), points.values(), rows, signature.features(), threshold));
        }
        // The same labelling rule as /api/v1 predictions.
        PredictionResponse answer = PredictionResponse.of(prediction);
        List<ResponseOutput> tensors = outputs.stream()
                .map(output -> new ResponseOutput(
                        output,
                        signature.datatype(output),
                        signature.shape(output, rows),
                        data(output, answer, prediction)))
                .toList();
        String modelVersion = version == null ? null : ModelSignature.VERSION;
        return new InferenceResponse(signature.name(), modelVersion, request.id(), tensors);
    }

    /** The model named {@code name}, in {@code version} if the path names one. */
    private FittedModel find(String name, String version) {
        UUID id = ModelIds.parse(name);
        if (id == null) {
            throw OipException.unknownModel();
        }
        FittedModel model;
        try {
            model = models.find(id);
        } catch (ModelNotFoundException gone) {
            throw OipException.unknownModel();
        }
        if (version != null && !ModelSignature.VERSION.equals(version)) {
            throw OipException.unknownVersion();
        }
        return model;
    }

    /** The outputs asked for, in the order asked, or all of the model's. */
    private static List<String> outputs(List<RequestOutput> requested, ModelSignature signature) {
        if (requested == null || requested.isEmpty()) {
            return signature.outputs();
        }
        Set<String> names = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String output = requested.get(i).name();
            if (signature.outputs().contains(output)) {
                names.add(output);
            } else {
                errors.add(new FieldError(
                        "outputs[" + i + "].name",
                        "is not an output of this model, which answers " + String.join(" and ", signature.outputs())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return List.copyOf(names);
    }

    /** {@code parameters.threshold} for a logistic model, or null for the default. */
    private static Double threshold(Map<String, Object> parameters, ModelSignature signature) {
        if (parameters == null || !parameters.containsKey(THRESHOLD)) {
            return null;
        }
        String field = "parameters." + THRESHOLD;
        if (!signature.logistic()) {
            throw new InvalidRequestException(
                    List.of(new FieldError(field, "applies only to models fitted with the logistic loss")));
        }
        if (parameters.get(THRESHOLD) instanceof Number number
                && number.doubleValue() > 0
                && number.doubleValue() < 1) {
            return number.doubleValue();
        }
        throw new InvalidRequestException(
                List.of(new FieldError(field, "must be a number between 0 and 1, exclusive")));
    }

    private static Object data(String output, PredictionResponse answer, Prediction prediction) {
        return switch (output) {
            // A softmax model's [n, K] probabilities, row-major, as the protocol lays out tensors.
            case ModelSignature.PROBABILITIES ->
                prediction.perPoint() > 1 ? prediction.values() : answer.probabilities();
            case ModelSignature.LABELS -> answer.labels();
            default -> answer.predictions();
        };
    }

    /** The protocol's health answer: 200 for true, a 4xx for false, no body either way. */
    private static ResponseEntity<Void> answer(boolean healthy) {
        return (healthy ? ResponseEntity.ok() : ResponseEntity.badRequest()).build();
    }
}
