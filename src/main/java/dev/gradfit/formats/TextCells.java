package dev.gradfit.formats;

import dev.gradfit.design.table.TextColumn;
import dev.gradfit.memory.MemoryAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text column as a reader collects it: a code per cell ({@link IntChunks}) and each distinct value once, in the
 * order first met. A million cells of fifty values cost four megabytes and fifty strings. The codes and every new
 * value are charged to the request's account as they come; a new value beyond {@code maxLevels} is not taken, and
 * the reader refuses it in its own words (a CSV line, an Arrow row).
 */
public final class TextCells {

    /** The code {@link #intern} answers for a new value beyond the limit. */
    public static final int OVER_LIMIT = -2;

    /**
     * The heap of one distinct value besides its characters: its String and array headers
     * ({@link LabelColumn#LABEL_OVERHEAD_BYTES}), its entry in the map of codes and its Integer, its reference in
     * the dictionary.
     */
    static final long LEVEL_OVERHEAD_BYTES = LabelColumn.LABEL_OVERHEAD_BYTES + 64;

    private final String name;
    private final int maxLevels;
    private final MemoryAccount account;
    private final IntChunks codes;
    private final Map<String, Integer> codeOf = new HashMap<>();
    private final List<String> dictionary = new ArrayList<>();

    /** @param maxLevels the most distinct values; {@code Integer.MAX_VALUE} for no limit */
    public TextCells(String name, int maxLevels, MemoryAccount account) {
        this.name = name;
        this.maxLevels = maxLevels;
        this.account = account;
        this.codes = new IntChunks(account);
    }

    /**
     * The code of {@code value}, which becomes a level if it is new.
     *
     * @return its code, or {@link #OVER_LIMIT} when it is new and the column holds {@code maxLevels} already
     */
    public int intern(String value) {
        Integer code = codeOf.get(value);
        if (code != null) {
            return code;
        }
        if (dictionary.size() >= maxLevels) {
            return OVER_LIMIT;
        }
        account.charge(LEVEL_OVERHEAD_BYTES + 2L * value.length());
        dictionary.add(value);
        codeOf.put(value, dictionary.size() - 1);
        return dictionary.size() - 1;
    }

    /**
     * Appends a cell: {@code null} for a missing one.
     *
     * @return false, appending nothing, when the value is new and the column holds {@code maxLevels} already
     */
    public boolean add(String value) {
        int code = value == null ? TextColumn.MISSING : intern(value);
        if (code == OVER_LIMIT) {
            return false;
        }
        codes.add(code);
        return true;
    }

    /** Appends a cell by its code: one {@link #intern} gave, or {@link TextColumn#MISSING}. */
    public void addCode(int code) {
        codes.add(code);
    }

    /** The distinct values so far. */
    public int levels() {
        return dictionary.size();
    }

    public int rows() {
        return codes.size();
    }

    public TextColumn build() {
        return new TextColumn(name, codes.toArray(), dictionary);
    }
}
