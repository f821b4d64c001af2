package dev.gradfit.api.response;

import dev.gradfit.service.ModelService.ModelListing;
import java.util.List;

/** One page of the model listing, newest first. */
public record ModelPage(List<ModelSummary> content, int page, int size, long totalElements, int totalPages) {

    public static ModelPage of(ModelListing listing, int page, int size) {
        long total = listing.total();
        List<ModelSummary> content =
                listing.models().stream().map(ModelSummary::of).toList();
        return new ModelPage(content, page, size, total, (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size));
    }
}
