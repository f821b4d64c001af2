package dev.gradfit.api.request;

import io.swagger.v3.oas.annotations.media.Schema;

/** How a fit request may name its loss: the type's name alone, or an object with its settings. Documentation only. */
@Schema(
        name = "Loss",
        description = "The loss whose mean is minimised: its name alone (\"logistic\"), or an object with its"
                + " settings ({\"type\": \"huber\", \"delta\": 1.0}, {\"type\": \"tweedie\", \"power\": 1.5})."
                + " squared when absent.",
        oneOf = {LossBody.Type.class, LossBody.class})
interface LossChoice {}
