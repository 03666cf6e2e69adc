package org.karlproject.operator.sandbox;

import static org.karlproject.operator.sandbox.SeedStory.expect;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.stream.Collectors;
import org.karlproject.operator.api.database.BackupRecord;
import org.karlproject.operator.api.database.DrillResult;
import org.karlproject.operator.api.database.DrillStatus;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.k8s.Labels;
import org.karlproject.operator.sim.Await;
import org.karlproject.operator.status.Conditions;

/**
 * The story's backup drill: a snapshot that says "ready" is not yet a backup that restores. Production's
 * database is told (as ops would, with a patch) to back up every minute and to drill every backup; the
 * operator takes a scheduled backup, restores it into a scratch volume made for the drill, runs the release's
 * verify on it, marks the backup's record verified and deletes the scratch volume, and nothing else. The live
 * volume keeps serving throughout. The step then puts the sample's nightly schedule back.
 */
final class DrillStep implements Story.Step {

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final SeedStory story;
    private final KubernetesClient client;
    private final Duration timeout;

    DrillStep(SeedStory story, KubernetesClient client, Duration timeout) {
        this.story = story;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public void run() {
        ZeoDatabase before = story.database(SeedStory.NS, SeedStory.PRODUCTION, d -> d.getStatus().getActiveVolume() != null);
        String name = before.getMetadata().getName();
        patch(name, "{\"spec\":{\"backup\":{\"schedule\":\"* * * * *\",\"verify\":{\"everyNthBackup\":1}}}}");
        story.say("ops patch " + name + ": a backup every minute, every one drilled");
        ZeoDatabase drilled = story.database(SeedStory.NS, SeedStory.PRODUCTION, d -> d.getStatus().getDrill() != null
                && d.getStatus().getDrill().getResult() == DrillResult.Passed && d.getStatus().getLastVerifiedBackup() != null);
        DrillStatus drill = drilled.getStatus().getDrill();
        BackupRecord verified = drilled.getStatus().getLastVerifiedBackup();
        expect(verified.getName().equals(drill.getBackup()), "the drilled backup " + drill.getBackup() + " is the last verified");
        expect(drilled.getStatus().getBackups().stream().anyMatch(r -> r.getName().equals(drill.getBackup())
                && Boolean.TRUE.equals(r.getVerified())), "the backup's own record says verified");
        expect(Conditions.isTrue(drilled.getStatus().getConditions(), "BackupVerified"), "BackupVerified is True");
        expect(before.getStatus().getActiveVolume().equals(drilled.getStatus().getActiveVolume()),
                "the live volume " + before.getStatus().getActiveVolume() + " served throughout");
        Await.until("the drill's scratch volume " + drill.getScratchVolume() + " to be deleted", timeout,
                () -> client.persistentVolumeClaims().inNamespace(SeedStory.NS).withLabel(Labels.DRILL).list()
                        .getItems().isEmpty());
        expect(client.persistentVolumeClaims().inNamespace(SeedStory.NS).withName(before.getStatus().getActiveVolume())
                .get() != null, "the live volume is still there");
        expect(client.resources(ZeoDatabase.class).inNamespace(SeedStory.NS).withName(name).get().getStatus()
                .getBackups().stream().anyMatch(r -> r.getName().equals(drill.getBackup())), "the backup itself is kept");
        story.say("drill " + drill.getId() + ": backup " + drill.getBackup() + " restored into " + drill.getScratchVolume()
                + " and verified (" + drill.getChecks().stream().map(c -> c.getName() + " " + (Boolean.TRUE.equals(c.getPassed())
                        ? "passed" : "failed")).collect(Collectors.joining(", ")) + "); the scratch volume is deleted");
        patch(name, "{\"spec\":{\"backup\":{\"schedule\":\"0 2 * * *\",\"verify\":{\"everyNthBackup\":7}}}}");
        story.say("the nightly schedule is back: every 7th backup is drilled");
    }

    private void patch(String name, String merge) {
        client.resources(ZeoDatabase.class).inNamespace(SeedStory.NS).withName(name).patch(MERGE, merge);
    }
}
