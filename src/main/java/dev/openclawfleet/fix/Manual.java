package dev.openclawfleet.fix;

import dev.openclawfleet.model.Finding;

/**
 * A finding `fleet fix` does not change: why not, and what to do by hand, with the real paths,
 * names and values filled in ({@code recipe}, one line, may be empty for a consequence whose root
 * says it all).
 */
public record Manual(Finding finding, String why, String recipe) {
}
