package org.karlproject.operator.api.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karlproject.operator.api.Api;

/**
 * Which KarlSites ride the train: those whose labels hold every {@code matchLabels} entry, in the listed
 * namespaces (none listed: every namespace the operator watches), and every site whose
 * {@code spec.releaseTrain} names this train.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainSites {

    @Size(max = 20)
    @JsonPropertyDescription("Labels a KarlSite must carry (all of them) to be selected. Empty or absent: only the "
            + "sites whose spec.releaseTrain names this train.")
    private Map<String, String> matchLabels = new TreeMap<>();

    @Size(max = 500)
    @JsonPropertyDescription("The namespaces to select sites in; empty: every namespace the operator watches. "
            + "Sites naming the train in spec.releaseTrain join from any watched namespace.")
    private List<@Pattern(Api.DNS_LABEL_PATTERN) String> namespaces = new ArrayList<>();

    public Map<String, String> getMatchLabels() {
        return matchLabels;
    }

    public void setMatchLabels(Map<String, String> matchLabels) {
        this.matchLabels = matchLabels;
    }

    public List<String> getNamespaces() {
        return namespaces;
    }

    public void setNamespaces(List<String> namespaces) {
        this.namespaces = namespaces;
    }
}
