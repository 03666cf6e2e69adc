package org.karlproject.operator.database;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.karlproject.operator.api.database.BackupSpec;
import org.karlproject.operator.api.database.StorageSpec;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.database.ZeoDatabaseSpec;
import org.karlproject.operator.api.evolve.EvolvePhase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.evolve.EvolveRunSpec;
import org.karlproject.operator.api.evolve.EvolveRunStatus;
import org.karlproject.operator.api.evolve.EvolveStepRecord;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.site.KarlSiteSpec;
import org.karlproject.operator.api.site.SiteMode;

/** Objects for the database tests. */
final class DatabaseFixtures {
    static final String NS = "default";
    static final String ZEO_IMAGE = "registry.example/zeo@sha256:" + "a".repeat(64);

    private DatabaseFixtures() {
    }

    static ZeoDatabase db(String name) {
        ZeoDatabase db = new ZeoDatabase();
        db.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid("uid-" + name)
                .withCreationTimestamp("2026-11-01T00:00:00Z").build());
        ZeoDatabaseSpec spec = new ZeoDatabaseSpec();
        spec.setImage(ZEO_IMAGE);
        StorageSpec storage = new StorageSpec();
        storage.setSize("1Gi");
        spec.setStorage(storage);
        db.setSpec(spec);
        return db;
    }

    static ZeoDatabase withBackups(ZeoDatabase db, String schedule, int keep) {
        BackupSpec backup = new BackupSpec();
        backup.setSchedule(schedule);
        backup.setKeep(keep);
        db.getSpec().setBackup(backup);
        return db;
    }

    static EvolveRun run(String name, String database, EvolvePhase phase, boolean dryRun) {
        EvolveRun run = new EvolveRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        EvolveRunSpec spec = new EvolveRunSpec();
        spec.setSite("acme");
        spec.setRelease("karl-3-31");
        spec.setDryRun(dryRun);
        run.setSpec(spec);
        EvolveRunStatus status = new EvolveRunStatus();
        status.setDatabase(database);
        status.setPhase(phase);
        EvolveStepRecord step = new EvolveStepRecord();
        step.setName(EvolvePhase.EnteringReadOnly);
        step.setStarted("2026-11-29T10:00:00Z");
        status.setSteps(List.of(step));
        run.setStatus(status);
        return run;
    }

    static KarlSite site(String name, String database, SiteMode mode) {
        KarlSite site = new KarlSite();
        site.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        KarlSiteSpec spec = new KarlSiteSpec();
        spec.setRelease("karl-3-30");
        spec.setDatabase(database);
        spec.setMode(mode);
        site.setSpec(spec);
        return site;
    }

    static Map<String, Long> generations(long karl) {
        return new java.util.TreeMap<>(Map.of("karl", karl));
    }
}
