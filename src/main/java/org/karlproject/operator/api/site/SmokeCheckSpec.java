package org.karlproject.operator.api.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.karlproject.operator.api.Api;

/** An HTTP GET against the candidate through the preview Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SmokeCheckSpec {

    @Default("/login.html")
    @Size(min = 1, max = 2048)
    @Pattern(Api.URL_PATH_PATTERN)
    @JsonPropertyDescription("The path to GET, starting with a slash.")
    private String path = "/login.html";

    @Default("200")
    @Min(100)
    @Max(599)
    @JsonPropertyDescription("The HTTP status the candidate must answer with.")
    private Integer expectStatus = 200;

    @Default("30")
    @Min(1)
    @Max(3600)
    @JsonPropertyDescription("Seconds the check may take, retries included.")
    private Integer timeoutSeconds = 30;

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Integer getExpectStatus() {
        return expectStatus;
    }

    public void setExpectStatus(Integer expectStatus) {
        this.expectStatus = expectStatus;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }
}
