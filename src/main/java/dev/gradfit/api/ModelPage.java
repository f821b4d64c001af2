package dev.gradfit.api;

import java.util.List;

/** One page of the model listing, newest first. */
record ModelPage(List<ModelSummary> content, int page, int size, long totalElements, int totalPages) {}
