package dev.openclawfleet.audit;

import dev.openclawfleet.audit.rules.BindNotLoopback;
import dev.openclawfleet.audit.rules.ConfigInvalid;
import dev.openclawfleet.audit.rules.ConfigEnvMissing;
import dev.openclawfleet.audit.rules.ConfigMissing;
import dev.openclawfleet.audit.rules.HelperJob;
import dev.openclawfleet.audit.rules.HostUnreachable;
import dev.openclawfleet.audit.rules.ServiceEnvInvalid;
import dev.openclawfleet.audit.rules.Stopped;
import dev.openclawfleet.audit.rules.CrashLoop;
import dev.openclawfleet.audit.rules.Disabled;
import dev.openclawfleet.audit.rules.LockCollision;
import dev.openclawfleet.audit.rules.NotLoaded;
import dev.openclawfleet.audit.rules.NotRunning;
import dev.openclawfleet.audit.rules.PortNotListening;
import dev.openclawfleet.audit.rules.PortTaken;
import dev.openclawfleet.audit.rules.FixUnfinished;
import dev.openclawfleet.audit.rules.ProvisioningIncomplete;
import dev.openclawfleet.audit.rules.StaleLock;
import dev.openclawfleet.audit.rules.UnmanagedGateway;
import dev.openclawfleet.audit.rules.DerivedPortCollision;
import dev.openclawfleet.audit.rules.DuplicateLabel;
import dev.openclawfleet.audit.rules.DuplicatePort;
import dev.openclawfleet.audit.rules.DuplicateStateDir;
import dev.openclawfleet.audit.rules.DuplicateToken;
import dev.openclawfleet.audit.rules.GatewayMode;
import dev.openclawfleet.audit.rules.InlineSecret;
import dev.openclawfleet.audit.rules.KeepAlive;
import dev.openclawfleet.audit.rules.LabelFilenameMismatch;
import dev.openclawfleet.audit.rules.LabelInvalid;
import dev.openclawfleet.audit.rules.LabelMissing;
import dev.openclawfleet.audit.rules.LegacyService;
import dev.openclawfleet.audit.rules.LogPath;
import dev.openclawfleet.audit.rules.MixedRootState;
import dev.openclawfleet.audit.rules.RootPermissions;
import dev.openclawfleet.audit.rules.NotOpenClaw;
import dev.openclawfleet.audit.rules.OrphanStateDir;
import dev.openclawfleet.audit.rules.PlistPermissions;
import dev.openclawfleet.audit.rules.PlistUnreadable;
import dev.openclawfleet.audit.rules.PortInvalid;
import dev.openclawfleet.audit.rules.PortMismatch;
import dev.openclawfleet.audit.rules.PortSpacing;
import dev.openclawfleet.audit.rules.ProgramArguments;
import dev.openclawfleet.audit.rules.ProgramNotAbsolute;
import dev.openclawfleet.audit.rules.RunAtLoad;
import dev.openclawfleet.audit.rules.StateDirEnv;
import dev.openclawfleet.audit.rules.StateDirMissing;
import dev.openclawfleet.audit.rules.StatePermissions;
import dev.openclawfleet.audit.rules.TokenMissing;
import dev.openclawfleet.audit.rules.UnexpandedPath;
import dev.openclawfleet.model.RuleInfo;

import java.util.List;
import java.util.Optional;

/** Every rule, in the order the docs list them. Rule ids are public interface: never rename one. */
public final class RuleCatalog {
    public static final List<PlistRule> PLIST_RULES = List.of(
            new PlistUnreadable(), new LabelMissing(), new LabelInvalid(), new LabelFilenameMismatch(), new RunAtLoad(),
            new KeepAlive(), new ProgramArguments(), new ProgramNotAbsolute(), new PortInvalid(), new StateDirEnv(),
            new LogPath(), new UnexpandedPath(), new PlistPermissions(), new InlineSecret(), new NotOpenClaw(), new HelperJob());
    public static final List<FleetRule> FLEET_RULES = List.of(
            new DuplicateLabel(), new DuplicatePort(), new DuplicateStateDir(), new DerivedPortCollision(), new PortSpacing());
    public static final List<StateRule> STATE_RULES = List.of(
            new StateDirMissing(), new ConfigMissing(), new ConfigInvalid(), new ConfigEnvMissing(), new ServiceEnvInvalid(),
            new GatewayMode(), new TokenMissing(),
            new DuplicateToken(), new PortMismatch(), new StatePermissions(), new BindNotLoopback(), new MixedRootState(),
            new RootPermissions(), new OrphanStateDir(), new LegacyService(), new ProvisioningIncomplete(), new FixUnfinished());
    public static final List<LiveRule> LIVE_RULES = List.of(
            new NotLoaded(), new Stopped(), new Disabled(), new NotRunning(), new CrashLoop(), new PortNotListening(), new PortTaken(),
            new UnmanagedGateway(), new LockCollision(), new StaleLock());
    /** Rules about reaching a Mac at all; their findings come from the multi-host audit, not from facts. */
    public static final List<HostRule> HOST_RULES = List.of(new HostUnreachable());

    private RuleCatalog() {
    }

    /** Every rule's public description, in documentation order. */
    public static List<RuleInfo> all() {
        return java.util.stream.Stream.of(PLIST_RULES, FLEET_RULES, STATE_RULES, LIVE_RULES, HOST_RULES)
                .flatMap(List::stream).map(Rule::info).toList();
    }

    private static final java.util.Set<String> FLEET_RULE_IDS = FLEET_RULES.stream().map(r -> r.info().id())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    public static boolean isFleetRule(String id) {
        return id != null && FLEET_RULE_IDS.contains(id);
    }

    public static Optional<RuleInfo> find(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
