package org.karlproject.operator.k8s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic child names. The same parent always yields the same child name, so a restarted operator
 * finds what it created instead of creating it again. A name that would exceed its limit is cut and
 * suffixed with a short hash of the full name, so distinct inputs stay distinct.
 */
public final class Names {

    /** Object names (RFC 1123 subdomain). */
    public static final int MAX_NAME = 253;
    /** Services, labels values and anything that must be a DNS label. */
    public static final int MAX_LABEL = 63;
    /** CronJobs: the CronJob controller appends an 11-character suffix to name its Jobs, which must stay a label. */
    public static final int MAX_CRONJOB = 52;

    private Names() {
    }

    /** {@code parts} joined with {@code -}, at most {@code limit} characters. */
    public static String join(int limit, String... parts) {
        String full = String.join("-", parts);
        if (full.length() <= limit) {
            return full;
        }
        String hash = hash(full).substring(0, 8);
        String head = full.substring(0, limit - hash.length() - 1).replaceAll("[-.]+$", "");
        return head + "-" + hash;
    }

    /** sha256 of {@code text}, in hex. */
    public static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
