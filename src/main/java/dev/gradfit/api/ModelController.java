package dev.gradfit.api;

import dev.gradfit.api.request.FitCommandMapper;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.request.MemoryAccounts;
import dev.gradfit.api.request.PredictionRequest;
import dev.gradfit.api.response.ModelLinks;
import dev.gradfit.api.response.ModelPage;
import dev.gradfit.api.response.ModelResponse;
import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.FitService;
import dev.gradfit.service.ModelService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** Fit, list, read, delete and predict with models; {@link ModelsApi} holds the mappings and their documentation. */
@RestController
class ModelController implements ModelsApi {

    private final FitCommandMapper commands;
    private final FitService fits;
    private final ModelService models;
    private final PredictionFacade predictions;
    private final MultipartFitReader uploads;
    private final ArrowFitReader arrows;

    ModelController(
            FitCommandMapper commands,
            FitService fits,
            ModelService models,
            PredictionFacade predictions,
            MultipartFitReader uploads,
            ArrowFitReader arrows) {
        this.arrows = arrows;
        this.commands = commands;
        this.uploads = uploads;
        this.fits = fits;
        this.models = models;
        this.predictions = predictions;
    }

    @Override
    public ResponseEntity<ModelResponse> fit(FitRequest request) {
        return created(fits.fit(commands.toCommand(request, null)));
    }

    @Override
    public ResponseEntity<ModelResponse> fitCsv(HttpServletRequest request) throws IOException {
        return uploads.read(request).run(this::fit);
    }

    @Override
    public ResponseEntity<ModelResponse> fitArrow(String target, String options, HttpServletRequest request)
            throws IOException {
        return arrows.read(request).run(this::fit);
    }

    @Override
    public ResponseEntity<ModelResponse> refit(UUID id, FitRequest request) {
        FittedModel parent = models.find(id);
        return created(fits.fit(commands.toCommand(request, parent)));
    }

    @Override
    public ModelPage list(int page, int size) {
        return ModelPage.of(models.list(page, size), page, size);
    }

    @Override
    public ModelResponse get(UUID id) {
        return ModelResponse.of(models.find(id));
    }

    @Override
    public ResponseEntity<Void> delete(UUID id) {
        models.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Override
    public PredictionResponse predict(UUID id, PredictionRequest request) {
        return predictions.predict(id, request, MemoryAccounts.current());
    }

    private static ResponseEntity<ModelResponse> created(FittedModel model) {
        return ResponseEntity.created(URI.create(ModelLinks.MODELS + "/" + model.id()))
                .body(ModelResponse.of(model));
    }
}
