package org.karlproject.operator.api.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import org.karlproject.operator.api.Api;

/** The content of one release. Immutable once created: a new release is a new ReleaseIndex. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self == oldSelf",
        message = "a ReleaseIndex is immutable: create a new ReleaseIndex for a new release")
public class ReleaseIndexSpec {

    @Required
    @Size(min = 1, max = 64)
    @Pattern(Api.EXACT_VERSION_PATTERN)
    @JsonPropertyDescription("The release's version, e.g. \"3.30\" or \"3.30-acme.1\". Exact: no ranges or wildcards.")
    private String version;

    @Required
    @Size(max = 512)
    @Pattern(Api.IMAGE_DIGEST_PATTERN)
    @JsonPropertyDescription("The container image built from exactly these packages, pinned by digest: "
            + "<repository>@sha256:<64 lowercase hex>. Tags are refused.")
    private String image;

    @Size(min = 1, max = 253)
    @Pattern(Api.DNS_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("Another ReleaseIndex in this namespace that this one extends (a customer release "
            + "on top of a karl release). The effective package set is the union of the chain.")
    private String basedOn;

    @Required
    @Size(max = 2048)
    @Pattern(Api.POOL_URL_PATTERN)
    @ValidationRule(value = "!self.matches('^[a-zA-Z]+://[^/]*@')",
            message = "spec.pool must not carry credentials (user:password@host): the index serves the pool URL in "
                    + "every link, to everyone who can read it. Give the pool's own authentication to pip on the "
                    + "build side (netrc or keyring); see docs/releases.md")
    @JsonPropertyDescription("Base URL of the distribution pool (http or https, ending with a slash, no "
            + "user:password@); the simple index links each package to pool + file.")
    private String pool;

    @Required
    @Size(min = 1, max = 2000)
    @JsonPropertyDescription("The exact pins of this release: every distribution by name, version, file and sha256.")
    private List<PackagePin> packages = new ArrayList<>();

    @Size(max = 32)
    @JsonPropertyDescription("The database generations this release's code expects, per evolve manager "
            + "(repoze.evolution), with what each evolve step touches.")
    private List<EvolveManager> evolve = new ArrayList<>();

    @Size(max = 65536)
    @JsonPropertyDescription("Free text: what changed in this release.")
    private String changelog;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getBasedOn() {
        return basedOn;
    }

    public void setBasedOn(String basedOn) {
        this.basedOn = basedOn;
    }

    public String getPool() {
        return pool;
    }

    public void setPool(String pool) {
        this.pool = pool;
    }

    public List<PackagePin> getPackages() {
        return packages;
    }

    public void setPackages(List<PackagePin> packages) {
        this.packages = packages;
    }

    public List<EvolveManager> getEvolve() {
        return evolve;
    }

    public void setEvolve(List<EvolveManager> evolve) {
        this.evolve = evolve;
    }

    public String getChangelog() {
        return changelog;
    }

    public void setChangelog(String changelog) {
        this.changelog = changelog;
    }
}
