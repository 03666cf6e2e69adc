package org.karlproject.operator.api;

/** Constants of the API shared by all kinds: group, version, patterns, label keys. */
public final class Api {
    private Api() {
    }

    public static final String GROUP = "deploy.karlproject.org";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String CATEGORY = "karl";

    /** An image pinned by digest: {@code <repository>@sha256:<64 lowercase hex>}; never a tag. */
    public static final String IMAGE_DIGEST_PATTERN =
            "^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*@sha256:[0-9a-f]{64}$";

    /** A sha256 digest as 64 lowercase hex characters. */
    public static final String SHA256_PATTERN = "^[0-9a-f]{64}$";

    /** A Kubernetes object name (RFC 1123 subdomain, at most 253 characters by maxLength). */
    public static final String DNS_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /** A DNS label (RFC 1123), at most 63 characters by maxLength. */
    public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** A host name: DNS labels of at most 63 characters joined by dots, lowercase. */
    public static final String HOSTNAME_PATTERN =
            "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$";

    /** A Python distribution name as PEP 508 allows it. */
    public static final String PACKAGE_NAME_PATTERN = "^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$";

    /** One exact PEP 440 version: no ranges, wildcards, operators or spaces. */
    public static final String EXACT_VERSION_PATTERN = "^[A-Za-z0-9]([A-Za-z0-9.+!_-]*[A-Za-z0-9])?$";

    /** A file name in the pool: no directories. */
    public static final String FILE_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._+!-]*$";

    /** A Kubernetes quantity such as {@code 20Gi} or {@code 500M}. */
    public static final String QUANTITY_PATTERN =
            "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    /** A URL path starting with a slash. */
    public static final String URL_PATH_PATTERN = "^/[^\\s]*$";

    /** The base URL of a distribution pool: http(s), ending with a slash. */
    public static final String POOL_URL_PATTERN = "^https?://[^\\s/]+(/[^\\s]*)?/$";
}
