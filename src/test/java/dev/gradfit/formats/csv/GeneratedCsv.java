package dev.gradfit.formats.csv;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The bytes of a header and {@code rows} generated lines, made as they are read. */
final class GeneratedCsv extends InputStream {

    private final java.util.function.IntFunction<String> line;
    private final int rows;
    private byte[] pending;
    private int at;
    private int next;

    GeneratedCsv(String header, int rows, java.util.function.IntFunction<String> line) {
        this.line = line;
        this.rows = rows;
        this.pending = header.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        while (at == pending.length) {
            if (next == rows) {
                return -1;
            }
            StringBuilder lines = new StringBuilder();
            for (int k = 0; k < 1024 && next < rows; k++) {
                lines.append(line.apply(next++));
            }
            pending = lines.toString().getBytes(StandardCharsets.UTF_8);
            at = 0;
        }
        int n = Math.min(length, pending.length - at);
        System.arraycopy(pending, at, into, offset, n);
        at += n;
        return n;
    }
}
