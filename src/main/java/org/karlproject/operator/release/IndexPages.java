package org.karlproject.operator.release;

import java.util.Optional;

/**
 * The text the operator serves for a release: a PEP 503 "simple" index and a hashed requirements file.
 * Pure functions of an {@link EffectiveRelease}, so the bytes are the same on every replica and restart.
 */
public final class IndexPages {

    private IndexPages() {
    }

    /** {@code /simple/}: one link per project, by normalised name. */
    public static String projectList(EffectiveRelease release) {
        StringBuilder html = header("Simple index for " + release.name());
        for (EffectiveRelease.ResolvedPackage p : release.packages()) {
            html.append("    <a href=\"").append(escape(p.project())).append("/\">")
                    .append(escape(p.project())).append("</a><br/>\n");
        }
        return html.append("  </body>\n</html>\n").toString();
    }

    /** {@code /simple/<project>/}: the one pinned file, with its hash as PEP 503 allows. */
    public static Optional<String> projectPage(EffectiveRelease release, String normalizedProject) {
        return release.packages().stream().filter(p -> p.project().equals(normalizedProject)).findFirst()
                .map(p -> header("Links for " + p.project())
                        .append("    <a href=\"").append(escape(p.url())).append("#sha256=").append(p.sha256())
                        .append("\">").append(escape(p.file())).append("</a><br/>\n")
                        .append("  </body>\n</html>\n").toString());
    }

    /** {@code requirements.txt}: {@code name==version --hash=sha256:...}, sorted, for {@code pip install --require-hashes}. */
    public static String requirements(EffectiveRelease release) {
        StringBuilder text = new StringBuilder()
                .append("# ReleaseIndex ").append(release.namespace()).append('/').append(release.name())
                .append(" (version ").append(release.version()).append(")\n")
                .append("# pip install --require-hashes --no-deps -r requirements.txt\n");
        for (EffectiveRelease.ResolvedPackage p : release.packages()) {
            text.append(p.name()).append("==").append(p.version())
                    .append(" --hash=sha256:").append(p.sha256()).append('\n');
        }
        return text.toString();
    }

    private static StringBuilder header(String title) {
        return new StringBuilder()
                .append("<!DOCTYPE html>\n<html>\n  <head>\n")
                .append("    <meta name=\"pypi:repository-version\" content=\"1.0\">\n")
                .append("    <title>").append(escape(title)).append("</title>\n")
                .append("  </head>\n  <body>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
