package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import org.karlproject.operator.api.Api;

/** The desired state of a site: its release, its database, and how changes roll out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KarlSiteSpec {

    /** {@code NAME} or {@code NAMESPACE/NAME} of a ReleaseTrain. */
    public static final String TRAIN_REFERENCE_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The ReleaseIndex to run. Changing it starts a rollout; setting it back to a kept "
            + "release is a rollback.")
    private String release;

    @Size(min = 1, max = 127)
    @Pattern(TRAIN_REFERENCE_PATTERN)
    @JsonPropertyDescription("A ReleaseTrain this site rides: NAME (in this namespace) or NAMESPACE/NAME. Once the "
            + "train starts the site, the site's target is the release the train's status names for it, not "
            + "spec.release (the operator never writes this spec; status.targetSource says where the target came from).")
    private String releaseTrain;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("The ZeoDatabase this site stores its data in.")
    private String database;

    @Default("staging")
    @JsonPropertyDescription("staging or production.")
    private Environment environment = Environment.staging;

    @Default("1")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Replicas of the active release's app server.")
    private Integer replicas = 1;

    @Size(max = 50)
    @JsonPropertyDescription("The host names the site answers to (lowercase DNS names).")
    private List<@Pattern(Api.HOSTNAME_PATTERN) String> hostnames = new ArrayList<>();

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("A ConfigMap in this namespace with the site's settings (the old etc-deploy), "
            + "mounted read-only. A change of its content rolls out as a new revision through the same gate.")
    private String config;

    @Size(min = 1, max = 200)
    @Pattern(Api.PACKAGE_NAME_PATTERN)
    @JsonPropertyDescription("The customer's customization package (e.g. osi), passed to KARL; omit for plain karl.")
    private String customizationPackage;

    @Default("Normal")
    @JsonPropertyDescription("Normal, ReadOnly (KARL read-only and the database held read-only) or Maintenance "
            + "(the stable Service shows a maintenance page).")
    private SiteMode mode = SiteMode.Normal;

    @JsonPropertyDescription("How a new release rolls out.")
    private RolloutSpec rollout;

    @JsonPropertyDescription("What happens when the database is behind the release.")
    private EvolveSpec evolve;

    @JsonPropertyDescription("Gate releases on a staging site.")
    private PromotionSpec promotion;

    @JsonPropertyDescription("Maintenance windows: when a release train may start an upgrade that needs an evolve.")
    private MaintenanceSpec maintenance;

    @JsonPropertyDescription("What a rollback may do.")
    private RollbackSpec rollback;

    @JsonPropertyDescription("KARL's background workers, run once per site on the active release.")
    private WorkersSpec workers;

    @JsonPropertyDescription("How spec.hostnames reach the site: an Ingress (the default) or an HTTPRoute, TLS, a "
            + "preview host name. Without it, the host names get an Ingress of the cluster's default class.")
    private RoutingSpec routing;

    @JsonPropertyDescription("Compute resources of the app server container.")
    private ResourceRequirements resources;

    public String getRelease() {
        return release;
    }

    public void setRelease(String release) {
        this.release = release;
    }

    public String getReleaseTrain() {
        return releaseTrain;
    }

    public void setReleaseTrain(String releaseTrain) {
        this.releaseTrain = releaseTrain;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public Environment getEnvironment() {
        return environment;
    }

    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public List<String> getHostnames() {
        return hostnames;
    }

    public void setHostnames(List<String> hostnames) {
        this.hostnames = hostnames;
    }

    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = config;
    }

    public String getCustomizationPackage() {
        return customizationPackage;
    }

    public void setCustomizationPackage(String customizationPackage) {
        this.customizationPackage = customizationPackage;
    }

    public SiteMode getMode() {
        return mode;
    }

    public void setMode(SiteMode mode) {
        this.mode = mode;
    }

    public RolloutSpec getRollout() {
        return rollout;
    }

    public void setRollout(RolloutSpec rollout) {
        this.rollout = rollout;
    }

    public EvolveSpec getEvolve() {
        return evolve;
    }

    public void setEvolve(EvolveSpec evolve) {
        this.evolve = evolve;
    }

    public MaintenanceSpec getMaintenance() {
        return maintenance;
    }

    public void setMaintenance(MaintenanceSpec maintenance) {
        this.maintenance = maintenance;
    }

    public PromotionSpec getPromotion() {
        return promotion;
    }

    public void setPromotion(PromotionSpec promotion) {
        this.promotion = promotion;
    }

    public RollbackSpec getRollback() {
        return rollback;
    }

    public void setRollback(RollbackSpec rollback) {
        this.rollback = rollback;
    }

    public WorkersSpec getWorkers() {
        return workers;
    }

    public void setWorkers(WorkersSpec workers) {
        this.workers = workers;
    }

    public RoutingSpec getRouting() {
        return routing;
    }

    public void setRouting(RoutingSpec routing) {
        this.routing = routing;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
