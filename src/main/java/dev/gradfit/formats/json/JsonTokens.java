package dev.gradfit.formats.json;

import tools.jackson.core.JsonToken;

/** The JSON a client sent, named in words for a problem's detail. */
public final class JsonTokens {

    private JsonTokens() {}

    /**
     * What the client sent where something else was expected: every token has its words (the switch covers
     * them all), so that no parser token name such as VALUE_NUMBER_INT ever reaches a problem's detail.
     */
    public static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case END_ARRAY -> "the end of an array";
            case END_OBJECT -> "the end of an object";
            case PROPERTY_NAME -> "a field name";
            case VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> "a value of another kind";
        };
    }
}
