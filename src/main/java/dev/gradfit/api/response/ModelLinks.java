package dev.gradfit.api.response;

import dev.gradfit.api.ModelController;
import java.util.UUID;

/** Where to find a model and where to ask it for predictions. */
record ModelLinks(String self, String predictions) {

    static ModelLinks of(UUID id) {
        String self = ModelController.BASE_PATH + "/" + id;
        return new ModelLinks(self, self + "/predictions");
    }
}
