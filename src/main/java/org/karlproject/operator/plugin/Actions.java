package org.karlproject.operator.plugin;

import org.karlproject.operator.api.database.BackupState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.api.site.EvolvePolicy;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.RolloutPhase;
import org.karlproject.operator.api.site.RollbackOption;
import org.karlproject.operator.api.site.SiteMode;
import org.karlproject.operator.database.DatabaseObjects;
import org.karlproject.operator.database.Snapshots;

/**
 * The actions: each one small write to a spec or an annotation that the reconcilers already honour (the
 * plugin acts as the user; the operator never writes a spec). Where an action can be waited for, it waits
 * (watching, not polling) unless {@code --no-wait}, up to {@code --timeout}.
 */
final class Actions {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    static final String MODE_USAGE = """
            Usage: kubectl karl mode SITE normal|readonly|maintenance [--wait] [--timeout DURATION]

            Sets the KarlSite's spec.mode (a merge patch). readonly: ZEO serves read-only, the app shows its
            read-only notice; maintenance: the app answers with its maintenance page; normal: writable.
              --wait               wait until status.mode reports it
              --timeout DURATION   how long --wait waits (default 10m)
            """;
    static final String ROLLBACK_USAGE = """
            Usage: kubectl karl rollback SITE --to RELEASE [--allow-data-restore] [--yes] [--wait] [--timeout DURATION]

            Moves the site back to a kept release, one of status.rollback's options. Prints what it will do
            first: a fast switch (traffic moves to the kept revision; data untouched) or a data restore (the
            database goes back to the volume the release last ran on, and every write since then is
            discarded: needs --allow-data-restore), then asks for confirmation unless --yes. Writes
            spec.release (and spec.rollback.allowDataRestore: true for a data restore).
              --to RELEASE          the kept release
              --allow-data-restore  consent to discarding the writes since that release (needed for DataRestore)
              -y, --yes             do not ask
              --wait                wait until the site is Stable on the release
              --timeout DURATION    how long --wait waits (default 10m)
            """;
    static final String ABORT_USAGE = """
            Usage: kubectl karl abort SITE [--yes]

            Stops the site's rollout before its traffic switch: spec.release goes back to status.activeRelease.
            Traffic is unchanged; the candidate is scaled to zero, an unfinished evolve run is cancelled and the
            database goes back to its original volume before it is writable again (docs/rollouts.md).
              -y, --yes   do not ask
            """;
    static final String PROMOTE_USAGE = """
            Usage: kubectl karl promote SITE [--release RELEASE] [--yes] [--wait] [--timeout DURATION]

            Promotes a release to a site behind a promotion gate (spec.promotion.requireVerifiedIn, e.g.
            production behind staging): RELEASE (default: the gate site's active release) must be listed in
            the gate site's status.verifiedReleases, or it is refused here with what is verified. Then writes
            spec.release (asking first unless --yes). The gate is never bypassed; a Manual-policy site then
            waits for `kubectl karl evolve` if the release needs an evolve.
              --release RELEASE    the release to promote
              -y, --yes            do not ask
              --wait               wait until the site is Stable on RELEASE (not for a Manual evolve)
              --timeout DURATION   how long --wait waits (default 10m)
            """;
    static final String BACKUP_USAGE = """
            Usage: kubectl karl backup DATABASE [--no-wait] [--timeout DURATION]

            An on-demand snapshot of the ZeoDatabase: the annotation deploy.karlproject.org/backup-now=<nonce>
            (each nonce is taken once), then waits until its backup record is Ready (exit 1 if it Failed).
              --no-wait            return once the annotation is set
              --timeout DURATION   how long to wait (default 10m)
            """;
    static final String REHEARSE_USAGE = """
            Usage: kubectl karl rehearse SITE --release RELEASE [--no-wait] [--timeout DURATION]

            Creates a dry-run EvolveRun: it evolves a restored copy of a snapshot of the site's data taken while
            writable, and never makes the site read-only or switches anything. Follows it step by step; exit 0 if
            it succeeded, 1 if it failed.
              --release RELEASE    the ReleaseIndex to evolve to
              --no-wait            return once the run is created
              --timeout DURATION   how long to follow (default 10m)
            """;
    static final String EVOLVE_USAGE = """
            Usage: kubectl karl evolve SITE --release RELEASE [--yes] [--no-wait] [--timeout DURATION]

            The manual evolve of a site whose spec.evolve.policy is Manual, once its spec.release names RELEASE:
            creates the EvolveRun the site waits for, after printing its read-only budget and asking (the site
            is read-only from EnteringReadOnly until the traffic switch). Follows it; exit 1 if it failed.
              --release RELEASE    the site's spec.release
              -y, --yes            do not ask
              --no-wait            return once the run is created
              --timeout DURATION   how long to follow (default 10m)
            """;

    private Actions() {
    }

    static int mode(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("--wait", "--timeout="));
        if (args.positional().size() != 2) {
            throw new UsageException("expected SITE and a mode (normal, readonly or maintenance)");
        }
        String name = args.positional().get(0);
        SiteMode mode = switch (args.positional().get(1).toLowerCase(Locale.ROOT)) {
            case "normal" -> SiteMode.Normal;
            case "readonly", "read-only" -> SiteMode.ReadOnly;
            case "maintenance" -> SiteMode.Maintenance;
            default -> throw new UsageException("mode is normal, readonly or maintenance, not " + args.positional().get(1));
        };
        KarlSite site = site(s, name);
        SiteMode was = site.getSpec().getMode();
        patchSite(s, name, Map.of("mode", mode.name()));
        s.out.println("karlsite/" + name + " spec.mode " + was + " -> " + mode);
        if (args.flag("--wait")) {
            awaitSite(s, name, k -> k.getStatus() != null && k.getStatus().getMode() == mode, timeout(args),
                    "status.mode " + mode);
            s.out.println("karlsite/" + name + " reports mode " + mode);
        }
        return KubectlKarl.OK;
    }

    static int rollback(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("--to=", "--allow-data-restore", "--yes", "-y", "--wait", "--timeout="));
        String name = args.single("SITE");
        String to = args.value("--to").orElseThrow(() -> new UsageException("--to RELEASE is required"));
        KarlSite site = site(s, name);
        List<RollbackOption> options = site.getStatus() == null ? List.of() : site.getStatus().getRollback();
        RollbackOption option = options.stream().filter(o -> to.equals(o.getRelease())).findFirst()
                .orElseThrow(() -> new Refused(to + " is not a rollback option of " + name + " (status.rollback: "
                        + (options.isEmpty() ? "none" : String.join(", ", options.stream().map(o -> o.getRelease() + " " + o.getKind())
                        .toList())) + ")"));
        boolean dataRestore = option.getKind() == org.karlproject.operator.api.site.RollbackKind.DataRestore;
        s.out.println("Rollback of karlsite/" + name + " from " + site.getStatus().getActiveRelease() + " to " + to + ":");
        if (dataRestore) {
            s.out.println("  data restore: the database " + site.getSpec().getDatabase() + " goes back to volume "
                    + option.getVolume() + " (the data " + to + " last ran on)");
            s.out.println("  " + s.style.red("discards every write since " + StatusCommand.or(option.getDiscardsWritesSince(), "?"))
                    + "; the volume it serves now is kept (status.previousVolumes)");
            if (!args.flag("--allow-data-restore")) {
                throw new Refused("a data-restore rollback discards writes: give --allow-data-restore to consent");
            }
        } else {
            s.out.println("  fast switch: traffic moves to the kept revision of " + to + "; the data is not touched");
        }
        confirm(s, args, "Roll back " + name + " to " + to + "?");
        Map<String, Object> spec = dataRestore ? Map.of("release", to, "rollback", Map.of("allowDataRestore", true))
                : Map.of("release", to);
        patchSite(s, name, spec);
        s.out.println("karlsite/" + name + " spec.release -> " + to + (dataRestore ? ", spec.rollback.allowDataRestore: true" : ""));
        if (args.flag("--wait")) {
            awaitSite(s, name, k -> k.getStatus() != null && k.getStatus().getPhase() == RolloutPhase.Stable
                    && to.equals(k.getStatus().getActiveRelease()), timeout(args), "Stable on " + to);
            s.out.println("karlsite/" + name + " is Stable on " + to);
        }
        return KubectlKarl.OK;
    }

    static int abort(Session s, List<String> argv) {
        Args args = Args.parse(argv, Set.of("--yes", "-y"));
        String name = args.single("SITE");
        KarlSite site = site(s, name);
        String active = site.getStatus() == null ? null : site.getStatus().getActiveRelease();
        if (active == null) {
            throw new Refused(name + " has no active release yet: nothing to go back to");
        }
        if (active.equals(site.getSpec().getRelease())) {
            throw new Refused(name + " is not rolling out: spec.release is its active release " + active);
        }
        s.out.println("Abort of karlsite/" + name + "'s rollout to " + site.getSpec().getRelease() + " ("
                + site.getStatus().getPhase() + "): spec.release goes back to " + active + "; traffic stays on " + active);
        confirm(s, args, "Abort?");
        patchSite(s, name, Map.of("release", active));
        s.out.println("karlsite/" + name + " spec.release -> " + active);
        return KubectlKarl.OK;
    }

    static int promote(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("--release=", "--yes", "-y", "--wait", "--timeout="));
        String name = args.single("SITE");
        KarlSite site = site(s, name);
        String gate = site.getSpec().getPromotion() == null ? null : site.getSpec().getPromotion().getRequireVerifiedIn();
        if (gate == null) {
            throw new Refused(name + " has no promotion gate (spec.promotion.requireVerifiedIn): set spec.release directly");
        }
        KarlSite staging = site(s, gate);
        List<org.karlproject.operator.api.site.VerifiedRelease> verified = staging.getStatus() == null ? List.of()
                : staging.getStatus().getVerifiedReleases();
        String release = args.value("--release").orElseGet(() -> staging.getStatus() == null ? null
                : staging.getStatus().getActiveRelease());
        if (release == null) {
            throw new Refused(gate + " has no active release to promote; give --release");
        }
        var proof = verified.stream().filter(v -> release.equals(v.getRelease())).findFirst()
                .orElseThrow(() -> new Refused(release + " is not verified in " + gate + " (verified: "
                        + (verified.isEmpty() ? "none" : String.join(", ", verified.stream()
                        .map(org.karlproject.operator.api.site.VerifiedRelease::getRelease).toList())) + ")"));
        if (release.equals(site.getSpec().getRelease())) {
            throw new Refused(name + "'s spec.release is already " + release);
        }
        boolean manual = site.getSpec().getEvolve() != null && site.getSpec().getEvolve().getPolicy() == EvolvePolicy.Manual;
        s.out.println("Promotion of karlsite/" + name + " from " + site.getSpec().getRelease() + " to " + release
                + " (verified in " + gate + " at " + StatusCommand.or(proof.getVerifiedAt(), "?") + ")"
                + (manual ? "; its evolve policy is Manual: if " + release + " needs an evolve, the site waits for "
                + "`kubectl karl evolve " + name + " --release " + release + "`" : ""));
        confirm(s, args, "Promote " + release + " to " + name + "?");
        patchSite(s, name, Map.of("release", release));
        s.out.println("karlsite/" + name + " spec.release -> " + release);
        if (args.flag("--wait")) {
            awaitSite(s, name, k -> k.getStatus() != null && k.getStatus().getPhase() == RolloutPhase.Stable
                    && release.equals(k.getStatus().getActiveRelease()), timeout(args), "Stable on " + release);
            s.out.println("karlsite/" + name + " is Stable on " + release);
        }
        return KubectlKarl.OK;
    }

    static int backup(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("--no-wait", "--timeout="));
        String name = args.single("DATABASE");
        ZeoDatabase db = s.client().resources(ZeoDatabase.class).inNamespace(s.namespace()).withName(name).get();
        if (db == null) {
            throw new Refused("ZeoDatabase " + s.namespace() + "/" + name + " not found");
        }
        String nonce = String.valueOf(Instant.now().toEpochMilli());
        s.client().resources(ZeoDatabase.class).inNamespace(s.namespace()).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                json(Map.of("metadata", Map.of("annotations", Map.of(DatabaseObjects.BACKUP_NOW, nonce)))));
        String backup = Snapshots.onDemandName(db, nonce);
        s.out.println("zeodatabase/" + name + " annotated " + DatabaseObjects.BACKUP_NOW + "=" + nonce + ": backup " + backup);
        if (args.flag("--no-wait")) {
            return KubectlKarl.OK;
        }
        Function<ZeoDatabase, Optional<BackupRecord>> record = d -> d.getStatus() == null ? Optional.empty()
                : d.getStatus().getBackups().stream().filter(b -> backup.equals(b.getName())
                && (b.getState() == BackupState.Ready || b.getState() == BackupState.Failed)).findFirst();
        ZeoDatabase done = await(s, s.client().resources(ZeoDatabase.class).inNamespace(s.namespace()).withName(name)::inform,
                d -> record.apply(d).isPresent(), timeout(args), "backup " + backup + " Ready");
        BackupRecord result = record.apply(done).orElseThrow();
        if (result.getState() == BackupState.Failed) {
            throw new Refused("backup " + backup + " failed: " + StatusCommand.or(result.getMessage(), "(no message)"));
        }
        s.out.println("backup " + backup + " Ready at " + result.getTime());
        return KubectlKarl.OK;
    }

    static int rehearse(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("--release=", "--no-wait", "--timeout="));
        String name = args.single("SITE");
        String release = args.value("--release").orElseThrow(() -> new UsageException("--release RELEASE is required"));
        KarlSite site = site(s, name);
        EvolveRun run = newRun(s, site, release, true, name + "-" + release + "-rehearsal-" + suffix());
        s.out.println("evolverun/" + run.getMetadata().getName() + " created (dry run of " + name + " to " + release
                + "; the site stays writable on its live volume)");
        return args.flag("--no-wait") ? KubectlKarl.OK : follow(s, run.getMetadata().getName(), timeout(args));
    }

    static int evolve(Session s, List<String> argv) throws InterruptedException {
        Args args = Args.parse(argv, Set.of("--release=", "--yes", "-y", "--no-wait", "--timeout="));
        String name = args.single("SITE");
        String release = args.value("--release").orElseThrow(() -> new UsageException("--release RELEASE is required"));
        KarlSite site = site(s, name);
        EvolvePolicy policy = site.getSpec().getEvolve() == null ? EvolvePolicy.Automatic : site.getSpec().getEvolve().getPolicy();
        if (policy != EvolvePolicy.Manual) {
            throw new Refused(name + "'s evolve policy is " + policy + ": the site creates its own run (use rehearse for a dry run)");
        }
        if (!release.equals(site.getSpec().getRelease())) {
            throw new Refused(name + "'s spec.release is " + site.getSpec().getRelease() + ", not " + release
                    + ": set it first (kubectl patch), the site then waits for this run");
        }
        int budget = budget(site);
        s.out.println("Evolve of karlsite/" + name + "'s database " + site.getSpec().getDatabase() + " for " + release + ":");
        s.out.println("  read-only budget " + budget + "s (" + Durations.show(Duration.ofSeconds(budget))
                + "): the site is read-only from EnteringReadOnly until the traffic switch; past the budget the run fails"
                + " and the site is writable again on its untouched volume");
        confirm(s, args, "Start the evolve run?");
        EvolveRun run = newRun(s, site, release, false, name + "-" + release + "-" + suffix());
        s.out.println("evolverun/" + run.getMetadata().getName() + " created");
        return args.flag("--no-wait") ? KubectlKarl.OK : follow(s, run.getMetadata().getName(), timeout(args));
    }

    private static EvolveRun newRun(Session s, KarlSite site, String release, boolean dryRun, String name) {
        if (s.client().resources(org.karlproject.operator.api.release.ReleaseIndex.class).inNamespace(s.namespace())
                .withName(release).get() == null) {
            throw new Refused("ReleaseIndex " + s.namespace() + "/" + release + " not found");
        }
        EvolveRun run = new EvolveRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(s.namespace());
        EvolveRunSpec spec = new EvolveRunSpec();
        spec.setSite(site.getMetadata().getName());
        spec.setRelease(release);
        spec.setDryRun(dryRun);
        spec.setReadOnlyBudgetSeconds(budget(site));
        run.setSpec(spec);
        return s.client().resources(EvolveRun.class).inNamespace(s.namespace()).resource(run).create();
    }

    private static int budget(KarlSite site) {
        return site.getSpec().getEvolve() == null || site.getSpec().getEvolve().getReadOnlyBudgetSeconds() == null ? 1800
                : site.getSpec().getEvolve().getReadOnlyBudgetSeconds();
    }

    /** Prints each step of the run as it starts and ends, until the run is over: 0 Succeeded, 1 Failed. */
    static int follow(Session s, String run, Duration timeout) throws InterruptedException {
        Set<String> printed = new HashSet<>();
        EvolveRun done = await(s, s.client().resources(EvolveRun.class).inNamespace(s.namespace()).withName(run)::inform, r -> {
            if (r.getStatus() != null) {
                for (EvolveStepRecord step : r.getStatus().getSteps()) {
                    String key = step.getName() + (step.getFinished() == null ? "" : "/done");
                    if (printed.add(key)) {
                        s.out.println("  " + StatusCommand.pad(String.valueOf(step.getName()), 17) + StatusCommand.clock(step.getStarted())
                                + (step.getFinished() == null ? "  started"
                                : "  " + Durations.between(step.getStarted(), step.getFinished()) + "  "
                                + s.style.state(StatusCommand.or(step.getOutcome(), "done"))
                                + (step.getMessage() == null ? "" : "  " + step.getMessage())));
                    }
                }
            }
            return r.getStatus() != null && r.getStatus().getPhase() != null && r.getStatus().getPhase().isTerminal();
        }, timeout, "evolverun/" + run + " to finish");
        var st = done.getStatus();
        String summary = "evolverun/" + run + " " + st.getPhase()
                + (st.getReadOnlySeconds() != null ? ", read-only " + st.getReadOnlySeconds() + "s" : "")
                + (st.getDurationSeconds() != null ? ", took " + st.getDurationSeconds() + "s" : "");
        if (st.getPhase() == EvolvePhase.Failed) {
            String why = StatusCommand.condition(st.getConditions(), "Stalled").map(c -> c.getReason() + ": " + c.getMessage())
                    .orElse("");
            throw new Refused(summary + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        s.out.println(summary);
        return KubectlKarl.OK;
    }

    static KarlSite site(Session s, String name) {
        KarlSite site = s.client().resources(KarlSite.class).inNamespace(s.namespace()).withName(name).get();
        if (site == null) {
            throw new Refused("KarlSite " + s.namespace() + "/" + name + " not found");
        }
        return site;
    }

    private static void patchSite(Session s, String name, Map<String, Object> spec) {
        s.client().resources(KarlSite.class).inNamespace(s.namespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("spec", spec)));
    }

    private static void awaitSite(Session s, String name, Predicate<KarlSite> done, Duration timeout, String what)
            throws InterruptedException {
        await(s, s.client().resources(KarlSite.class).inNamespace(s.namespace()).withName(name)::inform, done, timeout, what);
    }

    /** Informs on one object and returns it once {@code done} holds (checked on every change), or refuses at the timeout. */
    static <T extends HasMetadata> T await(Session s, Function<ResourceEventHandler<T>, SharedIndexInformer<T>> inform,
            Predicate<T> done, Duration timeout, String what) throws InterruptedException {
        BlockingQueue<T> seen = new LinkedBlockingQueue<>();
        ResourceEventHandler<T> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen.add(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen.add(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                // the object is gone: the timeout says so
            }
        };
        SharedIndexInformer<T> informer = inform.apply(handler);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                T next = left <= 0 ? null : seen.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new Refused("timed out after " + Durations.show(timeout) + " waiting for " + what);
                }
                if (done.test(next)) {
                    return next;
                }
            }
        } finally {
            informer.stop();
        }
    }

    private static void confirm(Session s, Args args, String question) {
        if (args.flag("--yes", "-y")) {
            return;
        }
        s.out.print(question + " [y/N] ");
        s.out.flush();
        String answer = s.readLine();
        if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
            throw new Refused("not confirmed; nothing changed");
        }
    }

    private static Duration timeout(Args args) {
        return args.value("--timeout").map(Durations::parse).orElse(DEFAULT_TIMEOUT);
    }

    private static String suffix() {
        return Long.toHexString(Instant.now().toEpochMilli()).substring(5);
    }

    static String json(Object value) {
        try {
            return Session.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
