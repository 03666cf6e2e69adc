package org.karlproject.operator.gitops;

import org.karlproject.operator.api.Api;

/** The argocd-cm entries for karl-operator, assembled from the Lua files (docs/gitops.md shows them). */
final class ArgoCdConfig {

    private ArgoCdConfig() {
    }

    static String argocdCm() {
        StringBuilder out = new StringBuilder("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-cm
                  namespace: argocd
                  labels:
                    app.kubernetes.io/name: argocd-cm
                    app.kubernetes.io/part-of: argocd
                data:
                """);
        for (String kind : ArgoLua.KINDS) {
            out.append("  resource.customizations.health.").append(Api.GROUP).append('_').append(kind).append(": |\n")
                    .append(indent(ArgoLua.healthScript(kind), 4));
        }
        var actions = ArgoLua.zeoDatabaseActions();
        out.append("  resource.customizations.actions.").append(Api.GROUP).append("_ZeoDatabase: |\n")
                .append("    discovery.lua: |\n").append(indent(actions.get("discovery"), 6))
                .append("    definitions:\n")
                .append("      - name: backup-now\n")
                .append("        action.lua: |\n").append(indent(actions.get("backup-now"), 10));
        return out.toString();
    }

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder out = new StringBuilder();
        text.lines().forEach(line -> out.append(line.isEmpty() ? "" : pad + line).append('\n'));
        return out.toString();
    }
}
