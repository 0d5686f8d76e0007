package dev.openclawfleet.model;

/**
 * What the file system says about a file, as far as launchd and our secrets policy care:
 * permission bits, owner, whether the current user owns it, its size, and when it was last
 * modified ({@code modifiedMillis}, 0 when unknown), which tells the newer of two clashing plists.
 */
public record FileFacts(int mode, String owner, boolean ownedByCurrentUser, long size, long modifiedMillis) {
    public FileFacts(int mode, String owner, boolean ownedByCurrentUser, long size) {
        this(mode, owner, ownedByCurrentUser, size, 0);
    }

    public boolean groupOrWorldWritable() {
        return (mode & 0022) != 0;
    }

    public boolean worldReadable() {
        return (mode & 0004) != 0;
    }

    /** The permission bits as an octal string such as {@code 0644}. */
    public String octal() {
        return String.format("%04o", mode & 07777);
    }
}
