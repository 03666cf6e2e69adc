package org.karlproject.operator.validation;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.karlproject.operator.api.database.ZeoDatabase;
import org.karlproject.operator.api.evolve.EvolveRun;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.site.KarlSite;
import org.karlproject.operator.api.train.ReleaseTrain;

/** The kinds the validator knows, each with its CRD file and its semantic rules. */
enum Kind {
    RELEASE_INDEX(ReleaseIndex.class, ReleaseIndexRules::new),
    ZEO_DATABASE(ZeoDatabase.class, ZeoDatabaseRules::new),
    KARL_SITE(KarlSite.class, KarlSiteRules::new),
    EVOLVE_RUN(EvolveRun.class, EvolveRunRules::new),
    RELEASE_TRAIN(ReleaseTrain.class, ReleaseTrainRules::new);

    /** Where the build puts the committed {@code crds/} inside the jar (see the pom). */
    static final String CRD_RESOURCE_DIRECTORY = "META-INF/karl-operator/crds/";

    final Class<? extends CustomResource<?, ?>> type;
    final Supplier<SemanticRules> rules;

    Kind(Class<? extends CustomResource<?, ?>> type, Supplier<SemanticRules> rules) {
        this.type = type;
        this.rules = rules;
    }

    String kindName() {
        return type.getSimpleName();
    }

    String crdResource() {
        return CRD_RESOURCE_DIRECTORY + CustomResource.getCRDName(type) + "-v1.yml";
    }

    static Optional<Kind> byName(String kind) {
        return Arrays.stream(values()).filter(k -> k.kindName().equals(kind)).findFirst();
    }
}
