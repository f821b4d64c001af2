package dev.gradfit.formats.csv;

import dev.gradfit.service.NamedColumns;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Refuses a cell longer than a limit as its characters pass, before the parser has gathered them into one string:
 * a ten-megabyte cell must not cost twenty megabytes of heap to be refused. It follows the quoting as RFC 4180 has
 * it (a cell is quoted when it starts with a quote; two quotes inside are one) and counts records as the parser
 * does, so that it names the line and the column of the cell.
 */
final class CellGuard extends FilterReader {

    private enum State {
        FIELD_START,
        PLAIN,
        QUOTED,
        QUOTE_IN_QUOTED
    }

    private final char delimiter;
    private final int maxChars;
    private List<String> header;
    private State state = State.FIELD_START;
    private boolean afterCarriageReturn;
    private long line = 1;
    private int column;
    private int length;

    CellGuard(Reader in, char delimiter, int maxChars) {
        super(in);
        this.delimiter = delimiter;
        this.maxChars = maxChars;
    }

    /** Names the columns in a refusal once the header is known. */
    void header(List<String> names) {
        this.header = names;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(char c) {
        boolean lineFeedOfCrLf = afterCarriageReturn && c == '\n';
        afterCarriageReturn = c == '\r';
        switch (state) {
            case FIELD_START, PLAIN -> {
                if (c == delimiter) {
                    nextField();
                } else if (c == '\n' || c == '\r') {
                    if (!lineFeedOfCrLf) {
                        nextRecord();
                    }
                } else if (state == State.FIELD_START && c == '"') {
                    state = State.QUOTED;
                } else {
                    state = State.PLAIN;
                    grow();
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    grow();
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
                    grow();
                } else if (c == delimiter) {
                    nextField();
                } else if (c == '\n' || c == '\r') {
                    nextRecord();
                } else {
                    state = State.PLAIN; // text after a closing quote: the parser refuses it
                }
            }
        }
    }

    private void grow() {
        if (++length > maxChars) {
            String name = header != null && column < header.size()
                    ? NamedColumns.shown(header.get(column))
                    : String.valueOf(column + 1);
            throw CsvTableReader.invalid("line " + line + ", column " + name + ": the cell is longer than " + maxChars
                    + " characters, the most a cell may hold");
        }
    }

    private void nextField() {
        state = State.FIELD_START;
        column++;
        length = 0;
    }

    private void nextRecord() {
        state = State.FIELD_START;
        line++;
        column = 0;
        length = 0;
    }
}
