package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.design.Design;
import dev.gradfit.model.ModelDesign;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a model learned of its raw rows: the design it applies to every prediction's rows. */
@Schema(
        description = "A model fitted from rows: the design it learned, and applies to the raw rows of every"
                + " prediction. Its columns are the model's featureNames.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record DesignResponse(
        @Schema(
                description = "The columns of the rows the model reads, in order of first use.",
                example = "[\"size\", \"city\"]")
        List<String> inputs,

        @Schema(
                description = "The design columns, the order of weights.coefficients: numeric columns by name,"
                        + " levels as city[T.Paris] (treatment) or city[Paris] (full), products as a:b, powers as"
                        + " I(size**2), missing-cell indicators as size_missing.",
                example = "[\"city[T.Paris]\", \"size\", \"I(size**2)\"]")
        List<String> columnNames,

        @Schema(
                description = "The sorted levels learned for each categorical input (text by Unicode code point,"
                        + " numeric codes by value).",
                example = "{\"city\": [\"Lyon\", \"Paris\"]}")
        Map<String, List<String>> levels,

        @Schema(description = "treatment or full.", example = "treatment")
        String coding,

        @Schema(description = "refuse, mean, skip or indicator.", example = "refuse")
        String missing,

        @Schema(description = "error or ignore.", example = "error")
        String unknownLevels,

        @Schema(description = "The formula it was compiled from; absent for the JSON form.")
        String formula,

        @Schema(description = "The training rows dropped for a missing cell or target (missing skip); 0 otherwise.")
        int droppedRows,

        @Schema(description = "Whether the model has an intercept (fitted, not a design column).")
        boolean intercept) {

    static DesignResponse of(ModelDesign kept) {
        if (kept == null) {
            return null;
        }
        Design design = kept.design();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String input : design.inputs()) {
            List<String> learned = design.levels(input);
            if (!learned.isEmpty()) {
                levels.put(input, learned);
            }
        }
        return new DesignResponse(
                design.inputs(),
                design.columnNames(),
                levels,
                kept.coding().name().toLowerCase(Locale.ROOT),
                design.missing().name().toLowerCase(Locale.ROOT),
                design.unknownLevels().name().toLowerCase(Locale.ROOT),
                kept.formula(),
                kept.droppedRows(),
                design.intercept());
    }
}
