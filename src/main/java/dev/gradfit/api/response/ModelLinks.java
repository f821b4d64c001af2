package dev.gradfit.api.response;

import java.util.UUID;

/** Where to find a model and where to ask it for predictions. */
public record ModelLinks(String self, String predictions) {

    /** The path of the model collection; a model is {@code MODELS/{id}}. */
    public static final String MODELS = "/api/v1/models";

    static ModelLinks of(UUID id) {
        String self = MODELS + "/" + id;
        return new ModelLinks(self, self + "/predictions");
    }
}
