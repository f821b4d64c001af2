package dev.gradfit.api;

import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.request.MemoryAccounts;
import dev.gradfit.api.request.TableFit;
import dev.gradfit.config.FitProperties;
import dev.gradfit.design.table.Table;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.formats.columns.OffsetColumn;
import dev.gradfit.formats.csv.CsvTable;
import dev.gradfit.formats.csv.CsvTableReader;
import dev.gradfit.formats.csv.CsvUpload;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.MultipartStream;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.stereotype.Component;

/**
 * Reads a {@code multipart/form-data} fit: a CSV {@code file}, the {@code target} column, the {@code offset}
 * column, the {@code delimiter} and the JSON {@code options}, into the {@link FitRequest} a JSON body would have
 * made.
 *
 * <p>The parts are read as they arrive, straight from the request's body stream, the file into primitive
 * arrays record by record: nothing is buffered in memory or on disk first, and the body passes through the
 * same guards as a JSON body (its size, the in-flight memory its arrays take, its read deadline). Tomcat's
 * copy of Commons FileUpload splits the parts; gradfit turns off Spring's own multipart parsing, which would
 * read the whole body before the handler runs. {@code target}, {@code offset} and {@code delimiter} may also
 * come as query parameters; a {@code delimiter} part must come before the file. Each part comes at most once, and not
 * also as a query parameter: of two values, neither is taken silently.
 */
@Component
class MultipartFitReader {

    /** Most characters in a {@code target}, {@code offset} or {@code delimiter} part. */
    private static final int MAX_TEXT_PART = 4096;

    /** Most parts in one upload: the five known ones, and a few to say which are unknown. */
    private static final long MAX_PARTS = 16;

    private static final List<String> DATA_FIELDS = List.of("x", "y", "featureNames", "targetName");

    /** The parts an upload may have, each at most once. */
    private static final Set<String> PARTS = Set.of("file", "target", "offset", "delimiter", "options");

    /** The parts that may come as query parameters instead. */
    private static final Set<String> QUERY_PARTS = Set.of("target", "offset", "delimiter");

    private final FitProperties limits;
    private final FitOptions fitOptions;

    MultipartFitReader(FitProperties limits, FitOptions fitOptions) {
        this.limits = limits;
        this.fitOptions = fitOptions;
    }

    /** @throws InvalidRequestException naming the part, and the line and column of a bad CSV cell */
    TableFit read(HttpServletRequest request) throws IOException {
        String target = request.getParameter("target");
        String offset = request.getParameter("offset");
        String delimiterText = request.getParameter("delimiter");
        MemoryAccount account = MemoryAccounts.of(request);
        CsvUpload table = null;
        FitRequest options = null;
        Set<String> seen = new HashSet<>();
        FileUpload upload = new FileUpload();
        upload.setFileCountMax(MAX_PARTS);
        try {
            FileItemIterator parts = upload.getItemIterator(new ServletRequestContext(request));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                String name = part.getFieldName() == null ? "" : part.getFieldName();
                if (PARTS.contains(name) && !seen.add(name)) {
                    // Which of two values was meant cannot be told; neither wins silently.
                    throw invalid(name, "must come once; this upload has two " + name + " parts");
                }
                if (QUERY_PARTS.contains(name) && request.getParameter(name) != null) {
                    throw invalid(name, "is both a query parameter and a part; give it once");
                }
                try (InputStream in = part.openStream()) {
                    switch (name) {
                        case "file" -> table = readCsv(in, delimiter(delimiterText), target, offset, options, account);
                        case "target" -> target = text(in, "target").strip();
                        case "offset" -> offset = text(in, "offset").strip();
                        case "delimiter" -> {
                            if (table != null) {
                                throw invalid("delimiter", "must come before the file");
                            }
                            delimiterText = text(in, "delimiter");
                        }
                        case "options" -> options = fitOptions.read(in, "the file");
                        default ->
                            throw invalid(
                                    "body",
                                    "has an unknown part; the parts are file, target, offset, delimiter and options");
                    }
                }
            }
        } catch (FileUploadException malformed) {
            throw invalid("body", "is not valid multipart/form-data");
        } catch (MultipartStream.MalformedStreamException truncated) {
            // The body ended inside a part: a complete request that is not valid multipart/form-data.
            throw invalid("body", "is not valid multipart/form-data: it ends before its closing boundary");
        }
        if (table == null) {
            throw invalid("file", "is required: a CSV file with a header line");
        }
        return toRequest(table, target, offset, options == null ? fitOptions.defaults() : options, account);
    }

    /**
     * @param target the target as given before the file, or {@code null}: the column that may hold labels
     * @param offset the offset column as given before the file, or {@code null}
     * @param options the options as given before the file, or {@code null}: a design or a formula in them has the
     *     file read as rows from the start, only the columns they name
     */
    private CsvUpload readCsv(
            InputStream in, char delimiter, String target, String offset, FitRequest options, MemoryAccount account)
            throws IOException {
        CsvTableReader reader =
                new CsvTableReader(limits.maxPoints(), limits.maxFeatures() + 1, limits.maxFeatureNameLength());
        boolean designed = options != null && FitOptions.designed(options);
        TableLimits tables = fitOptions.tableLimits(designed ? options : fitOptions.defaults(), offset);
        if (tables.columns() != null && (target == null || target.isEmpty()) && options.formula() == null) {
            // A target part may yet come after the file: every column is read, not only design.columns.
            tables = TableLimits.of(tables.maxLevels());
        }
        try {
            return reader.readFit(
                    in,
                    delimiter,
                    target == null || target.isEmpty() ? null : target,
                    offset == null || offset.isEmpty() ? null : offset,
                    account,
                    tables,
                    designed);
        } catch (CharacterCodingException notUtf8) {
            throw invalid("file", "is not UTF-8 text");
        } catch (CSVException malformed) {
            throw invalid("file", "is not valid CSV: " + malformed.getMessage());
        }
    }

    /**
     * The delimiter a part or query parameter names: {@code ,}, {@code ;}, or a tab (the character itself, or
     * the two characters {@code \t}, which shells and form fields send more easily); {@code 0} when absent or
     * empty, to choose it from the header. Anything else is refused, never ignored: a line break or a quote
     * cannot separate cells.
     */
    static char delimiter(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.equals("\t") || text.equals("\\t")) {
            return '\t';
        }
        String plain = text.strip();
        if (plain.equals(",") || plain.equals(";")) {
            return plain.charAt(0);
        }
        throw invalid("delimiter", "must be , or ; or a tab (sent as a tab or as \\t)");
    }

    private static String text(InputStream in, String field) throws IOException {
        byte[] bytes = in.readNBytes(4 * MAX_TEXT_PART + 1);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.length() > MAX_TEXT_PART) {
            throw invalid(field, "is longer than " + MAX_TEXT_PART + " characters");
        }
        return text;
    }

    /**
     * Takes the target column, and the offset column if one is named, out of the table and checks the request as a
     * JSON body is checked. A file read as rows, options asking for a design, or text in a column that is not the
     * target make a fit of rows, as a JSON body of rows would.
     */
    private TableFit toRequest(
            CsvUpload upload, String target, String offset, FitRequest options, MemoryAccount account) {
        if (upload.rows() != null) {
            return rows(upload.rows(), target, offset, options);
        }
        CsvTable table = upload.points();
        List<String> header = table.header();
        int named = target == null || target.isEmpty() ? header.size() - 1 : header.indexOf(target);
        boolean textFeature = table.labels() != null && table.labels().column() != named;
        if (named >= 0 && (FitOptions.designed(options) || textFeature)) {
            String targetColumn =
                    target == null || target.isEmpty() ? FitOptions.defaultTarget(options, header) : target;
            Table rows = CsvTableReader.toTable(table, fitOptions.tableLimits(options, offset), targetColumn, account);
            return rows(rows, target, offset, options);
        }
        int targetColumn = target == null || target.isEmpty() ? header.size() - 1 : header.indexOf(target);
        if (targetColumn < 0) {
            throw invalid(
                    "target", "names no column of the file's header; its columns are " + String.join(", ", header));
        }
        int offsetColumn = OffsetColumn.index(offset, header, targetColumn, "the file's header");
        if (offsetColumn >= 0 && header.size() < 3) {
            throw invalid(
                    "file",
                    "has " + header.size() + " columns; with an offset column it needs at least one feature, the"
                            + " target and the offset");
        }
        CsvTable.Split split = table.split(targetColumn, offsetColumn, account);
        List<String> names = new ArrayList<>(header);
        String targetName = header.get(targetColumn);
        names.remove(targetName);
        String offsetName = offsetColumn < 0 ? null : header.get(offsetColumn);
        names.remove(offsetName);
        return new TableFit(
                fitOptions.withData(options, split.x(), split.y(), names, targetName, split.offset(), offsetName),
                offsetName);
    }

    /** A fit of the file's rows: its target column the one named, else the formula's left side, else the last. */
    private TableFit rows(Table table, String target, String offset, FitRequest options) {
        List<String> names = table.names();
        String targetColumn = target == null || target.isEmpty() ? FitOptions.defaultTarget(options, names) : target;
        String offsetColumn = null;
        if (offset != null && !offset.isEmpty()) {
            int column = OffsetColumn.index(offset, names, names.indexOf(targetColumn), "the file's header");
            offsetColumn = names.get(column);
        }
        return new TableFit(fitOptions.withRows(options, table, targetColumn, offsetColumn), offsetColumn);
    }

    private static InvalidRequestException invalid(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldError(field, reason)));
    }
}
