package dev.gradfit.formats.csv;

import dev.gradfit.formats.LabelColumn;
import dev.gradfit.memory.MemoryAccount;
import java.util.Arrays;

/**
 * The cells of the column that may be the target, as the reader meets them. They are numbers while every cell is
 * one; from the first that is not (a species, a team), every cell of the column is a class label, its text as
 * written, numbers included: {@code 1}, {@code 2} and {@code setosa} are three labels, as pandas reads such a
 * column as text. The cells before that one were numbers, so their text is kept, packed end to end, until the
 * column is known to be numbers or labels; once labels, the text is let go.
 */
final class TargetCells {

    private final MemoryAccount account;
    private char[] text;
    private int textLength;
    private int[] ends;
    private int count;
    private LabelColumn labels;
    private long firstTextLine;
    private String firstText;

    TargetCells(MemoryAccount account) {
        this.account = account;
        account.charge(2L * 256 + 4L * 64);
        this.text = new char[256];
        this.ends = new int[64];
    }

    /** Whether a cell of the column was not a number, so that all are labels. */
    boolean labelled() {
        return labels != null;
    }

    /** The line of the first cell that was not a number, or 0 while all are numbers. */
    long firstTextLine() {
        return firstTextLine;
    }

    /** The first cell that was not a number, or {@code null} while all are numbers. */
    String firstText() {
        return firstText;
    }

    /** Keeps the text of a cell that is a number, while the column is numbers. */
    void number(String cell) {
        if (textLength + cell.length() > text.length) {
            int old = text.length;
            int length = Math.max(2 * old, textLength + cell.length());
            account.charge(2L * length);
            text = Arrays.copyOf(text, length);
            account.release(2L * old);
        }
        if (count == ends.length) {
            account.charge(4L * 2 * ends.length);
            ends = Arrays.copyOf(ends, 2 * ends.length);
            account.release(4L * (ends.length / 2));
        }
        cell.getChars(0, cell.length(), text, textLength);
        textLength += cell.length();
        ends[count++] = textLength;
    }

    /**
     * Adds a label: the first one turns the numbers kept so far into labels.
     *
     * @param line the cell's line, said when the column is not the target after all
     */
    void label(String cell, long line) {
        if (labels == null) {
            labels = new LabelColumn(account);
            for (int i = 0, start = 0; i < count; start = ends[i++]) {
                labels.add(new String(text, start, ends[i] - start));
            }
            account.release(2L * text.length + 4L * ends.length);
            text = null;
            ends = null;
            firstTextLine = line;
            firstText = cell;
        }
        labels.add(cell);
    }

    /** The labels, one per row; only once {@link #labelled()}. */
    String[] labels() {
        return labels.toArray();
    }

    /** Each cell so far as written: the labels, or the numbers' text. */
    String[] written() {
        if (labels != null) {
            return labels.toArray();
        }
        String[] cells = new String[count];
        for (int i = 0, start = 0; i < count; start = ends[i++]) {
            cells[i] = new String(text, start, ends[i] - start);
        }
        return cells;
    }

    /** Lets go of the text kept for numbers. */
    void release() {
        if (text != null) {
            account.release(2L * text.length + 4L * ends.length);
            text = null;
            ends = null;
        }
    }
}
