package dev.openclawfleet.model;

/** What is at a path, following symbolic links, as a host reader found it. */
public enum FileKind {
    REGULAR("a regular file"),
    DIRECTORY("a directory"),
    FIFO("a FIFO (named pipe)"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a socket"),
    OTHER("not a regular file"),
    /** Nothing there. */
    MISSING("missing"),
    /** A symbolic link to nothing. */
    DANGLING_LINK("a symbolic link to a file that does not exist"),
    /** Whether anything is there is unknown: a folder on the way cannot be entered. */
    INACCESSIBLE("behind a folder you cannot enter"),
    /** The reader could not look (a link loop, an I/O error): the fact's problem says why. */
    UNKNOWN("unknown");

    private final String words;

    FileKind(String words) {
        this.words = words;
    }

    /** "a FIFO (named pipe)", for messages. */
    public String words() {
        return words;
    }

    /** Anything is there, following links (what {@code Files.exists} says). */
    public boolean exists() {
        return this != MISSING && this != DANGLING_LINK && this != INACCESSIBLE && this != UNKNOWN;
    }
}
