package org.karlproject.operator.api.site;

/** The environment a site runs in. */
public enum Environment {
    staging,
    production
}
