package dev.openclawfleet.model;

/** One process as {@code ps -axo pid=,ppid=,etime=,command=} lists it; {@code command} is the full command line. */
public record ProcessInfo(long pid, long ppid, long elapsedSeconds, String command) {
}
