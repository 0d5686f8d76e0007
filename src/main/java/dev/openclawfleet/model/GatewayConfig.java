package dev.openclawfleet.model;

/**
 * The parts of an instance's {@code openclaw.json} the auditor reads. Absent keys are null;
 * {@code portText} keeps a {@code gateway.port} that is not an integer, for the message.
 */
public record GatewayConfig(String mode, Integer port, String portText, String bind, String authMode, Secret token,
                            String workspace) {
}
