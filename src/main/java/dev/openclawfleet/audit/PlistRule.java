package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.PlistFile;

import java.util.List;

/** A rule about one plist file on its own. Pure: no I/O. */
public non-sealed interface PlistRule extends Rule {
    List<Finding> check(PlistFile file);
}
