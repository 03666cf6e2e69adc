package org.karlproject.operator.api.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One compact row per selected site: where it comes from, where it goes, and how far it got. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainSite {

    @JsonPropertyDescription("The site's namespace.")
    private String namespace;

    @JsonPropertyDescription("The KarlSite.")
    private String site;

    @JsonPropertyDescription("The release the site ran when the train reached it.")
    private String from;

    @JsonPropertyDescription("The site's target release on this train (the site takes it from here).")
    private String to;

    @JsonPropertyDescription("Waiting, WaitingForWindow, Blocked, Reseeding, InProgress, Baking, Succeeded, Failed or Skipped.")
    private SiteState state;

    @JsonPropertyDescription("The production wave that moved the site: 0 is the canary; absent for staging.")
    private Integer wave;

    @JsonPropertyDescription("When the train started the site (RFC 3339).")
    private String started;

    @JsonPropertyDescription("When the site succeeded or failed (RFC 3339).")
    private String finished;

    @JsonPropertyDescription("Started with an upgrade that needs an evolve (the database is behind the release).")
    private Boolean evolve;

    @JsonPropertyDescription("Reseeding: the reseed nonce the site's ZeoDatabase handles (it reads it from here).")
    private String reseed;

    @JsonPropertyDescription("WaitingForWindow: when the site's next maintenance window opens (RFC 3339).")
    private String nextWindow;

    @JsonPropertyDescription("Why the site is Blocked or Failed, or what it waits for.")
    private String message;

    public TrainSite() {
    }

    public TrainSite(String namespace, String site) {
        this.namespace = namespace;
        this.site = site;
    }

    /** {@code namespace/site}. */
    public String key() {
        return namespace + "/" + site;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public SiteState getState() {
        return state;
    }

    public void setState(SiteState state) {
        this.state = state;
    }

    public Integer getWave() {
        return wave;
    }

    public void setWave(Integer wave) {
        this.wave = wave;
    }

    public String getStarted() {
        return started;
    }

    public void setStarted(String started) {
        this.started = started;
    }

    public String getFinished() {
        return finished;
    }

    public void setFinished(String finished) {
        this.finished = finished;
    }

    public Boolean getEvolve() {
        return evolve;
    }

    public void setEvolve(Boolean evolve) {
        this.evolve = evolve;
    }

    public String getReseed() {
        return reseed;
    }

    public void setReseed(String reseed) {
        this.reseed = reseed;
    }

    public String getNextWindow() {
        return nextWindow;
    }

    public void setNextWindow(String nextWindow) {
        this.nextWindow = nextWindow;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
