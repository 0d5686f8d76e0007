package dev.openclawfleet.audit;

/** A rule about reaching a Mac at all in a multi-host audit; its findings are made where the host is read. */
public non-sealed interface HostRule extends Rule {
}
