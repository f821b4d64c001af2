/**
 * The Open Inference Protocol (KServe V2 REST): health, server and model metadata, and inference under
 * {@code /v2}, each model named by its id; errors are the protocol's {@code {"error": "..."}}.
 */
package dev.gradfit.api.oip;
