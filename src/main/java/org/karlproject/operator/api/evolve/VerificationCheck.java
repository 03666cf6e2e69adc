package org.karlproject.operator.api.evolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One check of the verify Job: storage, references, generations, indexes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VerificationCheck {

    @JsonPropertyDescription("The check: storage (as fstest), references (as fsrefs), generations, indexes.")
    private String name;

    @JsonPropertyDescription("Whether it passed.")
    private Boolean passed;

    @JsonPropertyDescription("A short detail, as the verify Job reported it.")
    private String detail;

    public VerificationCheck() {
    }

    public VerificationCheck(String name, Boolean passed, String detail) {
        this.name = name;
        this.passed = passed;
        this.detail = detail;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getPassed() {
        return passed;
    }

    public void setPassed(Boolean passed) {
        this.passed = passed;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }
}
