package dev.gradfit.api.request;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectReader;

/**
 * Reads the commonest prediction body, {@code {"x": [numbers]}}, token by token: its numbers are converted by
 * the same code as {@link FeatureMatrixDeserializer}'s, and for any other shape, or anything wrong with it, the
 * body is read by the {@link ObjectReader} given, which throws what Spring MVC's reader would. Binding a record
 * costs a prediction of one number more than everything else it reads.
 */
public final class PlainPredictionReader {

    private final ObjectReader reader;

    public PlainPredictionReader(ObjectReader reader) {
        this.reader = reader.forType(PredictionRequest.class);
    }

    public PredictionRequest read(byte[] body, int length) {
        PredictionRequest plain = plain(body, length);
        return plain != null ? plain : reader.readValue(body, 0, length);
    }

    private PredictionRequest plain(byte[] body, int length) {
        try (JsonParser parser = reader.createParser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT
                    || parser.nextToken() != JsonToken.PROPERTY_NAME
                    || !"x".equals(parser.currentName())
                    || parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            double[] values = FiniteNumbers.allocate(4);
            int size = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_NUMBER_INT
                    || token == JsonToken.VALUE_NUMBER_FLOAT) {
                if (size == values.length) {
                    values = FiniteNumbers.grow(values);
                }
                values[size] = FiniteNumbers.readElement(parser, -1, size);
                size++;
            }
            if (size == 0
                    || token != JsonToken.END_ARRAY
                    || parser.nextToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null) {
                return null;
            }
            return new PredictionRequest(new FeatureMatrix(FiniteNumbers.trim(values, size), size, 1), null);
        } catch (RuntimeException notPlain) {
            return null;
        }
    }
}
