package org.karlproject.operator.api.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.karlproject.operator.api.Api;

/** One distribution pinned to an exact version and file hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PackagePin {

    @Required
    @Size(min = 1, max = 200)
    @Pattern(Api.PACKAGE_NAME_PATTERN)
    @JsonPropertyDescription("The distribution's name. Names are compared after PEP 503 normalisation, "
            + "so Repoze.BFG and repoze-bfg are the same name and may appear only once.")
    private String name;

    @Required
    @Size(min = 1, max = 64)
    @Pattern(Api.EXACT_VERSION_PATTERN)
    @JsonPropertyDescription("The exact version (PEP 440), e.g. \"1.3\". No ranges, wildcards or operators.")
    private String version;

    @Required
    @Size(min = 1, max = 255)
    @Pattern(Api.FILE_NAME_PATTERN)
    @JsonPropertyDescription("The file name in the pool, e.g. karl-3.30.tar.gz; no directories.")
    private String file;

    @Required
    @Pattern(Api.SHA256_PATTERN)
    @JsonPropertyDescription("The sha256 of the file: 64 lowercase hex characters.")
    private String sha256;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }
}
