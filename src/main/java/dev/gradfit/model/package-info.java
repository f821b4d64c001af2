/**
 * Fitted models and the stores that keep them under their ids: in memory (Caffeine), or in Redis through
 * the versioned binary encoding of {@link dev.gradfit.model.ModelCodec}.
 */
package dev.gradfit.model;
