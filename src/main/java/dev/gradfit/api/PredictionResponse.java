package dev.gradfit.api;

import java.util.UUID;

/** One prediction per point of the request, in order. */
record PredictionResponse(UUID modelId, double[] predictions) {}
