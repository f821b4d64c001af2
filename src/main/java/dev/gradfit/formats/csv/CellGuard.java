package dev.gradfit.formats.csv;

import dev.gradfit.service.NamedColumns;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a cell longer than a limit as its characters pass, before the parser has gathered them into one string:
 * a ten-megabyte cell must not cost twenty megabytes of heap to be refused. It follows the quoting as RFC 4180 has
 * it (a cell is quoted when it starts with a quote; two quotes inside are one) and counts records as the parser
 * does, so that it names the line and the column of the cell. It reads the header's names itself: the parser reads
 * ahead, so a short file may be refused before the parser has handed out its header.
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
    private final List<String> header = new ArrayList<>();
    private final StringBuilder name = new StringBuilder();
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
                    grow(c);
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    grow(c);
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
                    grow(c);
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

    private void grow(char c) {
        if (line == 1) {
            name.append(c);
        }
        if (++length > maxChars) {
            String name = column < header.size() ? NamedColumns.shown(header.get(column)) : String.valueOf(column + 1);
            throw CsvTableReader.invalid("line " + line + ", column " + name + ": the cell is longer than " + maxChars
                    + " characters, the most a cell may hold");
        }
    }

    private void endOfName() {
        if (line == 1) {
            header.add(name.toString().strip());
            name.setLength(0);
        }
    }

    private void nextField() {
        endOfName();
        state = State.FIELD_START;
        column++;
        length = 0;
    }

    private void nextRecord() {
        endOfName();
        state = State.FIELD_START;
        line++;
        column = 0;
        length = 0;
    }
}
