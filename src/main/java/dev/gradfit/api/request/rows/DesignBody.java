package dev.gradfit.api.request.rows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Locale;

/** {@code design}: how the raw {@code rows} of a fit become its features. */
@Schema(
        description = "With rows only: how the raw rows become features. Text columns are categorical (one-hot"
                + " with named levels), numeric columns are numbers unless listed in categorical. Every key of"
                + " the rows but the target is an input unless columns lists the inputs. With a formula, only"
                + " categorical, coding, unknownLevels and missing apply.",
        example = "{\"categorical\": [\"zone\"], \"missing\": \"mean\", \"interactions\": [[\"size\", \"rooms\"]],"
                + " \"polynomial\": 2}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesignBody(
        @Schema(description = "Numeric columns holding codes, to be taken by their levels; text columns always are.")
        List<String> categorical,

        @Schema(
                description = "treatment: the first level (sorted) of a categorical column has no column, as"
                        + " statsmodels' formulas and OneHotEncoder(drop='first') do; full: every level has one."
                        + " Without an intercept the first categorical term keeps all its levels (patsy's rule).",
                defaultValue = "treatment")
        Coding coding,

        @Schema(
                description = "What a prediction does with a level the training rows never held: error (a 400"
                        + " naming the row, the column and the level) or ignore (all of the column's 0/1 columns"
                        + " are 0).",
                defaultValue = "error")
        UnknownLevels unknownLevels,

        @Schema(
                description = "What a missing cell (null or an absent key) does: refuse (a 400 naming the cell),"
                        + " mean (the training mean, or the most frequent level), skip (the fit drops the row and"
                        + " counts it in design.droppedRows; a prediction refuses it), indicator (mean plus a 0/1"
                        + " column name_missing for each column that had a missing cell).",
                defaultValue = "refuse")
        Missing missing,

        @Schema(
                description = "Pairs of distinct input columns whose product is a term (numeric × numeric,"
                        + " numeric × categorical, categorical × categorical), named a:b.",
                example = "[[\"size\", \"rooms\"]]")
        List<List<String>> interactions,

        @Min(1)
        @Max(10)
        @Schema(
                description = "The highest power of every numeric input, as I(x**2), I(x**3), …; 1 to 10.",
                defaultValue = "1")
        Integer polynomial,

        @Schema(
                description = "The keys of the rows to use as inputs, in order; all but the target when absent.",
                example = "[\"size\", \"rooms\", \"city\"]")
        List<String> columns) {

    /** How categorical columns are coded, named as in JSON. */
    public enum Coding {
        TREATMENT,
        FULL;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a prediction does with an unseen level, named as in JSON. */
    public enum UnknownLevels {
        ERROR,
        IGNORE;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a missing cell does, named as in JSON. */
    public enum Missing {
        REFUSE,
        MEAN,
        SKIP,
        INDICATOR;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
