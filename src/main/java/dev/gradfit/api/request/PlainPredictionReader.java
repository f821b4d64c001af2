package dev.gradfit.api.request;

import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.json.NumberArrayParser;
import dev.gradfit.formats.json.NumberParsingPool;
import dev.gradfit.formats.json.SingleArrayBody;
import dev.gradfit.memory.MemoryAccount;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the commonest prediction body, {@code {"x": [numbers]}} (JSON whitespace anywhere between), straight
 * from its bytes ({@link SingleArrayBody}, with the bulk reader's parser, which gives
 * {@code Double.parseDouble}'s bits). Any other shape, and anything that parser does not read exactly, is read
 * by Jackson's binding, which throws what Spring MVC's reader would. Binding a record costs a prediction of
 * one number more than everything else it reads.
 */
public final class PlainPredictionReader {

    private final ObjectReader reader;
    private final SingleArrayBody plainX;
    private final boolean limitsFit;
    private final long maxBytes;

    public PlainPredictionReader(JsonMapper json, NumberParsingPool pool) {
        this.reader = json.readerFor(PredictionRequest.class);
        StreamReadConstraints limits = json.tokenStreamFactory().streamReadConstraints();
        this.plainX = new SingleArrayBody("x", new NumberArrayParser(pool, limits.getMaxNumberLength()));
        // Such a body nests two deep in a handful of tokens; stricter limits are Jackson's to enforce.
        this.limitsFit = limits.getMaxNestingDepth() >= 2 && limits.getMaxTokenCount() <= 0;
        this.maxBytes = limits.getMaxDocumentLength() > 0 ? limits.getMaxDocumentLength() : Long.MAX_VALUE;
    }

    /** The request in {@code body}, its arrays charged to {@code account}. */
    public PredictionRequest read(byte[] body, int length, MemoryAccount account) {
        PredictionRequest plain = limitsFit && length <= maxBytes ? plain(body, length, account) : null;
        return plain != null
                ? plain
                : reader.withAttribute(MemoryAccount.class, account).readValue(body, 0, length);
    }

    /** The body read from its bytes, or {@code null} when it is not the plain shape or not read exactly. */
    PredictionRequest plain(byte[] body, int length, MemoryAccount account) {
        FeatureMatrix x = plainX.read(body, length, account);
        return x == null ? null : new PredictionRequest(x, null, null);
    }
}
