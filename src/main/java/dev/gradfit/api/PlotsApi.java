package dev.gradfit.api;

import dev.gradfit.api.response.ModelLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The plots of a model as the OpenAPI document describes them. Each answers an SVG document, or a problem
 * (application/problem+json) whatever the Accept header asked for.
 */
@RequestMapping(path = ModelLinks.MODELS)
@Tag(
        name = "plots",
        description = "SVG pictures of a model: its fit over its training points, its cost, its residuals. An axis"
                + " whose values are all below 0.1 or reach 1e6 in magnitude is drawn in a power of ten that its"
                + " label names: x (×1e100).")
interface PlotsApi {

    @Operation(
            summary = "Draw the fit",
            description = "An SVG picture of the model over a sample of its training points (up to"
                    + " gradfit.plots.sample-points of them, as sent). One feature: the points and the fitted"
                    + " line, and, when the fit asked for snapshotEpochs, the line after each of those epochs,"
                    + " labelled \"epoch 10\"… in the legend beside \"final, epoch N\" (the tutorial's figure);"
                    + " of more than five snapshots five are labelled, evenly spread from the first to the last,"
                    + " and the others drawn faint without a legend entry."
                    + " A logistic model: the 0/1 points and the fitted probability curve. A log-link model"
                    + " (poisson, gamma, tweedie): the points and the fitted mean μ = exp(intercept + coefficient·x),"
                    + " a curve, with the snapshots' curves; fitted with an offset, the rates y/exp(offset) under"
                    + " the rate curve exp(intercept + coefficient·x), per unit of exp(offset). A softmax model:"
                    + " the probability curve of every class (final weights only), one colour per class with a"
                    + " legend by class name, and the points at probability 1 in the colour of their class."
                    + " A model fitted on rows whose design reads one numeric column and at most one categorical"
                    + " column (of at most 20 levels; any terms: interactions, powers): the prediction over the"
                    + " numeric column's range, through the design, one curve per level in its own colour with a"
                    + " legend by level name, and the points in the colour of their level (a point whose cell the"
                    + " design filled in is left out); I(x**2) draws a curve. Several features otherwise:"
                    + " predicted against actual, with the identity line, the prediction being the mean μ for a"
                    + " log link (logistic: the points against the score, with σ), the subtitle naming the"
                    + " features and why there are no curves; a softmax model of several features answers 409"
                    + " plot-not-applicable.")
    @ApiDocs.Svg
    @ApiDocs.PlotSize
    @ApiDocs.NotFound
    @ApiDocs.PlotNotApplicable
    @ApiDocs.StoreUnavailable
    @GetMapping(path = "/{id}/plots/fit.svg", produces = ApiDocs.SVG)
    ResponseEntity<byte[]> fitPlot(
            @Parameter(description = "The model's id.") @PathVariable UUID id,
            @Parameter(description = ApiDocs.WIDTH) @RequestParam(defaultValue = "800") int width,
            @Parameter(description = ApiDocs.HEIGHT) @RequestParam(defaultValue = "500") int height);

    @Operation(
            summary = "Draw the cost by epoch",
            description = "An SVG picture of the cost history against the epoch (entry k at epoch"
                    + " k·costHistoryStride, the last at the final epoch), with the validation cost under early"
                    + " stopping and the exact minimum's cost as a dashed line when diagnostics found it. The cost"
                    + " axis is logarithmic when the costs span more than two decades.")
    @ApiDocs.Svg
    @ApiDocs.PlotSize
    @ApiDocs.NotFound
    @ApiDocs.StoreUnavailable
    @GetMapping(path = "/{id}/plots/cost.svg", produces = ApiDocs.SVG)
    ResponseEntity<byte[]> costPlot(
            @Parameter(description = "The model's id.") @PathVariable UUID id,
            @Parameter(description = ApiDocs.WIDTH) @RequestParam(defaultValue = "800") int width,
            @Parameter(description = ApiDocs.HEIGHT) @RequestParam(defaultValue = "500") int height);

    @Operation(
            summary = "Draw the residuals",
            description = "An SVG picture of the residual (actual − fitted) of each sampled training point against"
                    + " its fitted value, around a line at zero. A log-link model (poisson, gamma, tweedie): the"
                    + " deviance residual sign(y − μ)·√d(y, μ), d the unit deviance (twice the loss), against the"
                    + " fitted mean μ = exp(intercept + Σ coefficients·x + offset). A softmax model: the deviance"
                    + " residual √(−2·log p), p the fitted probability of the point's own class, of each point in"
                    + " the order of the sample, coloured by class, with a line at p = 1/2. A logistic model"
                    + " answers 409 plot-not-applicable.")
    @ApiDocs.Svg
    @ApiDocs.PlotSize
    @ApiDocs.NotFound
    @ApiDocs.PlotNotApplicable
    @ApiDocs.StoreUnavailable
    @GetMapping(path = "/{id}/plots/residuals.svg", produces = ApiDocs.SVG)
    ResponseEntity<byte[]> residualsPlot(
            @Parameter(description = "The model's id.") @PathVariable UUID id,
            @Parameter(description = ApiDocs.WIDTH) @RequestParam(defaultValue = "800") int width,
            @Parameter(description = ApiDocs.HEIGHT) @RequestParam(defaultValue = "500") int height);
}
