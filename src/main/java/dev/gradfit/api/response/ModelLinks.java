package dev.gradfit.api.response;

import java.util.UUID;

/** Where to find a model, where to ask it for predictions, and where its plots are drawn. */
public record ModelLinks(String self, String predictions, Plots plots) {

    /** The model's SVG plots. */
    public record Plots(String fit, String cost, String residuals) {}

    /** The path of the model collection; a model is {@code MODELS/{id}}. */
    public static final String MODELS = "/api/v1/models";

    static ModelLinks of(UUID id) {
        String self = MODELS + "/" + id;
        String plots = self + "/plots/";
        return new ModelLinks(
                self, self + "/predictions", new Plots(plots + "fit.svg", plots + "cost.svg", plots + "residuals.svg"));
    }
}
