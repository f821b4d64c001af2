package dev.gradfit.api.request;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The parts of a CSV fit ({@code multipart/form-data}) as the OpenAPI document describes them; the parts
 * themselves are read as they stream in, not bound to this record.
 *
 * @param file the CSV
 * @param target the target column's name
 * @param offset the name of the column of offsets
 * @param delimiter the delimiter
 * @param options the settings, as JSON
 */
@Schema(
        name = "CsvFitForm",
        description = "A CSV file to fit: every column but the target is a feature, named by the header. A file"
                + " whose features hold text or empty cells, or whose options hold a design or a formula, is raw"
                + " rows, fitted as the JSON body's rows with the same design: text columns are categorical, empty"
                + " cells missing. Each part comes at most once, and target, offset and delimiter either as a part"
                + " or as a query parameter, not both.")
public record CsvFitForm(
        @Schema(
                type = "string",
                format = "binary",
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "UTF-8 CSV (RFC 4180): a header line naming the columns, then one line per point;"
                        + " the target column may hold class labels, as text. A feature column of text is"
                        + " categorical (at most gradfit.design.max-levels distinct values), an empty cell is"
                        + " missing (design.missing says what to do with it), and the file is fitted as rows."
                        + " Fields holding the delimiter, a quote or a line break are quoted with \". Errors name"
                        + " the line (the header is line 1) and the column; a refusal by the design names"
                        + " rows[i].column, i counting the lines of data from 0.")
        String file,

        @Schema(
                description =
                        "The column to predict; the last column when absent. Also accepted as a query" + " parameter.",
                example = "price")
        String target,

        @Schema(
                description = "The column holding each point's offset, as the offset field of the JSON body gives"
                        + " it (poisson, gamma and tweedie only): neither a feature nor the target. Its cells must"
                        + " be finite numbers. No offsets when absent. Also accepted as a query parameter.",
                example = "log_exposure")
        String offset,

        @Schema(
                description = "`,`, `;` or a tab (the tab character, or the two characters `\\t`); when absent"
                        + " or empty, whichever of `,` and `;` the header line holds more of. Anything else (a"
                        + " line break, a quote, a space) is refused. Must come before the file. Also accepted as"
                        + " a query parameter.",
                allowableValues = {",", ";", "\t", "\\t"})
        String delimiter,

        @Schema(
                description = "The settings of the fit as a JSON object: the fields of the JSON body but x, y,"
                        + " featureNames, targetName, rows and target, which come from the file. A design or a"
                        + " formula fits the file as rows; with a formula, or design.columns and a target given"
                        + " before the file, only the columns they name are read. Checked as the JSON body is;"
                        + " unknown fields are refused.",
                example = "{\"learningRate\": 0.05, \"epochs\": 5000, \"standardize\": true}")
        String options) {}
