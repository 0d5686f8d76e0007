package dev.openclawfleet.model;

/** What a host reader answered to one {@link HostQuery}. */
public sealed interface HostAnswer permits FileFact, DirListing, CommandRun {
}
