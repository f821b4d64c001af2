package dev.gradfit.api;

import dev.gradfit.config.PlotProperties;
import dev.gradfit.model.FittedModel;
import dev.gradfit.plots.ModelPlots;
import dev.gradfit.plots.PlotLabels;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.ModelService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** Draws kept models as SVG; {@link PlotsApi} holds the mappings and their documentation. */
@RestController
class PlotController implements PlotsApi {

    private static final MediaType SVG = MediaType.parseMediaType(ApiDocs.SVG);

    private final ModelService models;
    private final PlotProperties plots;

    PlotController(ModelService models, PlotProperties plots) {
        this.models = models;
        this.plots = plots;
    }

    @Override
    public ResponseEntity<byte[]> fitPlot(UUID id, int width, int height) {
        checkSize(width, height);
        FittedModel model = models.find(id);
        return svg(ModelPlots.fit(model, PlotLabels.of(model), width, height));
    }

    @Override
    public ResponseEntity<byte[]> costPlot(UUID id, int width, int height) {
        checkSize(width, height);
        return svg(ModelPlots.cost(models.find(id), width, height));
    }

    @Override
    public ResponseEntity<byte[]> residualsPlot(UUID id, int width, int height) {
        checkSize(width, height);
        FittedModel model = models.find(id);
        return svg(ModelPlots.residuals(model, PlotLabels.of(model), width, height));
    }

    private void checkSize(int width, int height) {
        List<FieldError> errors = new ArrayList<>();
        for (var side : List.of(Map.entry("width", width), Map.entry("height", height))) {
            if (side.getValue() < PlotProperties.MIN_SIZE || side.getValue() > plots.maxSize()) {
                errors.add(new FieldError(
                        side.getKey(),
                        "must be from " + PlotProperties.MIN_SIZE + " to " + plots.maxSize()
                                + " pixels (gradfit.plots.max-size)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static ResponseEntity<byte[]> svg(String document) {
        return ResponseEntity.ok().contentType(SVG).body(document.getBytes(StandardCharsets.UTF_8));
    }
}
