package org.karlproject.operator.api.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.KarlStatus;

/** What the operator accepted of a ReleaseIndex and who uses it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReleaseIndexStatus extends KarlStatus {

    @JsonPropertyDescription("sha256 of the accepted spec; a later spec with another digest is refused (SpecChanged).")
    private String specDigest;

    @JsonPropertyDescription("How many packages the effective set (this release and its basedOn chain) holds.")
    private Integer packageCount;

    @JsonPropertyDescription("The effective evolve generations per manager, across the basedOn chain.")
    private Map<String, Long> generations = new TreeMap<>();

    @JsonPropertyDescription("The basedOn chain, nearest first.")
    private List<String> chain = new ArrayList<>();

    @JsonPropertyDescription("Where the index is served: the PEP 503 simple index URL path.")
    private String indexPath;

    @JsonPropertyDescription("The KarlSites that run this release or keep it for rollback; deletion waits until empty.")
    private List<String> usedBy = new ArrayList<>();

    @JsonPropertyDescription("The accepted ReleaseIndexes based on this one (basedOn); deletion waits until empty too.")
    private List<String> basedOnBy = new ArrayList<>();

    public String getSpecDigest() {
        return specDigest;
    }

    public void setSpecDigest(String specDigest) {
        this.specDigest = specDigest;
    }

    public Integer getPackageCount() {
        return packageCount;
    }

    public void setPackageCount(Integer packageCount) {
        this.packageCount = packageCount;
    }

    public Map<String, Long> getGenerations() {
        return generations;
    }

    public void setGenerations(Map<String, Long> generations) {
        this.generations = generations;
    }

    public List<String> getChain() {
        return chain;
    }

    public void setChain(List<String> chain) {
        this.chain = chain;
    }

    public String getIndexPath() {
        return indexPath;
    }

    public void setIndexPath(String indexPath) {
        this.indexPath = indexPath;
    }

    public List<String> getUsedBy() {
        return usedBy;
    }

    public void setUsedBy(List<String> usedBy) {
        this.usedBy = usedBy;
    }

    public List<String> getBasedOnBy() {
        return basedOnBy;
    }

    public void setBasedOnBy(List<String> basedOnBy) {
        this.basedOnBy = basedOnBy;
    }
}
