package dev.openclawfleet.model;

/**
 * What the file system says about a file, as far as launchd and our secrets policy care:
 * permission bits, owner, and whether the current user owns it.
 */
public record FileFacts(int mode, String owner, boolean ownedByCurrentUser, long size) {
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
