package dev.openclawfleet.model;

/**
 * A place in a file's text: 1-based line, and 1-based column in UTF-16 code units, 0 when only
 * the line is known.
 */
public record Position(int line, int column) {
    public Position {
        if (line < 1 || column < 0) {
            throw new IllegalArgumentException("no such position: line " + line + ", column " + column);
        }
    }

    /** A line without a column. */
    public static Position line(int line) {
        return new Position(line, 0);
    }

    public boolean hasColumn() {
        return column > 0;
    }

    /** "12:5", or "12" without a column. */
    @Override
    public String toString() {
        return hasColumn() ? line + ":" + column : Integer.toString(line);
    }
}
