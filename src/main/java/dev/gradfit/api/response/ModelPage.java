package dev.gradfit.api.response;

import java.util.List;

/** One page of the model listing, newest first. */
public record ModelPage(List<ModelSummary> content, int page, int size, long totalElements, int totalPages) {}
