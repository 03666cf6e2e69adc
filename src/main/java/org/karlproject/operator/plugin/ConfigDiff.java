package org.karlproject.operator.plugin;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.karlproject.operator.api.site.KarlSite;

/** {@code config diff SITE_A SITE_B}: the settings ConfigMaps ({@code spec.config}) of two sites, side by side. */
final class ConfigDiff {

    static final String USAGE = """
            Usage: kubectl karl config diff SITE_A SITE_B

            Compares the settings of two KarlSites (the ConfigMaps their spec.config names, the seed's
            etc-deploy against etc-staging): for each key, equal or not, and for each file that differs the
            lines only in A (-) and only in B (+). Exit status 0 whether or not they differ.
            """;

    private ConfigDiff() {
    }

    static int run(Session s, List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals("diff")) {
            throw new UsageException("config needs the subcommand diff");
        }
        Args args = Args.parse(argv.subList(1, argv.size()), Set.of());
        if (args.positional().size() != 2) {
            throw new UsageException("config diff takes two sites: SITE_A SITE_B");
        }
        String a = args.positional().get(0);
        String b = args.positional().get(1);
        Map<String, String> left = settings(s, a);
        Map<String, String> right = settings(s, b);
        Set<String> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        StringBuilder t = new StringBuilder(s.style.bold("Settings of " + a + " (-) and " + b + " (+)")).append('\n');
        for (String key : keys) {
            String l = left.get(key);
            String r = right.get(key);
            if (l == null || r == null) {
                t.append("  ").append(key).append(": only in ").append(l == null ? b : a).append('\n');
            } else if (l.equals(r)) {
                t.append("  ").append(key).append(": same\n");
            } else {
                t.append("  ").append(key).append(": differs\n");
                lines(t, l, r);
            }
        }
        s.out.print(t);
        return KubectlKarl.OK;
    }

    /** The lines of {@code l} not in {@code r} (-) and of {@code r} not in {@code l} (+), in order. */
    private static void lines(StringBuilder t, String l, String r) {
        List<String> left = new ArrayList<>(l.lines().toList());
        List<String> right = new ArrayList<>(r.lines().toList());
        left.stream().filter(x -> !right.contains(x)).forEach(x -> t.append("    - ").append(x).append('\n'));
        right.stream().filter(x -> !left.contains(x)).forEach(x -> t.append("    + ").append(x).append('\n'));
    }

    private static Map<String, String> settings(Session s, String site) {
        KarlSite k = Actions.site(s, site);
        String name = k.getSpec().getConfig();
        if (name == null) {
            return Map.of();
        }
        ConfigMap cm = s.client().configMaps().inNamespace(s.namespace()).withName(name).get();
        if (cm == null) {
            throw new Refused("ConfigMap " + s.namespace() + "/" + name + " (spec.config of " + site + ") not found");
        }
        return cm.getData() == null ? Map.of() : cm.getData();
    }
}
