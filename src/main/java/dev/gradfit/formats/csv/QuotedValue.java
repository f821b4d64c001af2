package dev.gradfit.formats.csv;

/**
 * A value a client sent, as an error message may show it: in double quotes, with every character that could
 * hide or forge text (control and format characters, line breaks, quotes, backslashes, angle brackets) written
 * as a backslash, {@code u} and four hex digits, as JSON writes it, and cut short when long. A name that is not plain becomes a placeholder
 * ({@code NamedColumns.shown}); a value is worth showing, since it is what the client has to find and fix.
 */
final class QuotedValue {

    /** Characters shown of a longer value, before the ellipsis and its length. */
    static final int SHOWN_CHARS = 40;

    private QuotedValue() {}

    static String of(String value) {
        int length = value.codePointCount(0, value.length());
        int cut = value.offsetByCodePoints(0, Math.min(SHOWN_CHARS, length));
        StringBuilder quoted = new StringBuilder("\"");
        value.substring(0, cut).codePoints().forEach(c -> {
            if (plain(c)) {
                quoted.appendCodePoint(c);
            } else {
                for (char unit : Character.toChars(c)) {
                    quoted.append(String.format("\\u%04x", (int) unit));
                }
            }
        });
        quoted.append('"');
        if (cut < value.length()) {
            quoted.append("… (").append(length).append(" characters)");
        }
        return quoted.toString();
    }

    private static boolean plain(int c) {
        if (c == '"' || c == '\\' || c == '<' || c == '>') {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            case Character.SPACE_SEPARATOR -> c == ' ';
            default -> true;
        };
    }
}
