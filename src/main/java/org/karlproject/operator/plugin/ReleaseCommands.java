package org.karlproject.operator.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.karlproject.operator.api.release.EvolveManager;
import org.karlproject.operator.api.release.EvolveStep;
import org.karlproject.operator.api.release.PackagePin;
import org.karlproject.operator.api.release.ReleaseIndex;
import org.karlproject.operator.api.release.ReleaseIndexSpec;
import org.karlproject.operator.evolve.ReindexPlan;
import org.karlproject.operator.release.EffectiveRelease;
import org.karlproject.operator.validation.Pep503;
import org.karlproject.operator.validation.Validator;
import org.karlproject.operator.validation.Violation;

/** {@code release new} (author a ReleaseIndex, hashes computed) and {@code release diff A B}. */
final class ReleaseCommands {

    static final String USAGE = """
            Usage: kubectl karl release new NAME --version V --pool URL [--from DIR] --requirements FILE
                                            --image REPO@sha256:DIGEST [--based-on RELEASE]
                                            [--evolve MANAGER=GENERATION[:INDEX,...]]... [--changelog FILE]
                   kubectl karl release diff A B

            release new writes a ReleaseIndex manifest (YAML) on stdout, for `| kubectl apply -f -`:
              one pin per line of the requirements file (requirements.txt or `pip freeze` output), each
              NAME==VERSION exactly (anything else is refused: >=, ~=, -e, URLs, no version), with its
              distribution file and that file's sha256, computed from the file in --from DIR, or, without
              --from, downloaded from the pool (its directory listing or simple page names the files).
              The manifest is checked as `validate` checks it before it is printed.
              --version V          spec.version, an exact version (e.g. 3.31-acme.1)
              --pool URL           spec.pool: where the files are served (ends with /)
              --from DIR           the directory holding the distributions
              --requirements FILE  the pins
              --image IMAGE        spec.image, by digest
              --based-on RELEASE   spec.basedOn
              --evolve M=G[:I,...] an evolve manager's generation; with :I,... a step at G reindexing I,...
              --changelog FILE     spec.changelog

            release diff prints what changes from release A to release B (ReleaseIndexes of the namespace):
              the packages added, removed and changed in their effective sets (through basedOn), the evolve
              generations and steps between them, the indexes an evolve from A to B reindexes, and the
              changelogs of B's chain that A's does not share, then A's.
            """;

    /** A requirement as pip writes it: {@code name==version}, an optional marker or hash after it. */
    private static final Pattern PINNED = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)\\s*==\\s*([^\\s;=]+)\\s*(?:;.*)?$");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*[\"']([^\"'#]+)(?:#[^\"']*)?[\"']", Pattern.CASE_INSENSITIVE);
    private static final List<String> SDIST = List.of(".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz");

    private ReleaseCommands() {
    }

    static int run(Session s, List<String> argv) throws Exception {
        if (argv.isEmpty()) {
            throw new UsageException("release needs a subcommand: new or diff");
        }
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "new" -> releaseNew(s, rest);
            case "diff" -> diff(s, rest);
            default -> throw new UsageException("unknown release subcommand " + argv.get(0) + " (new or diff)");
        };
    }

    static int releaseNew(Session s, List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("--version=", "--pool=", "--from=", "--requirements=", "--image=", "--based-on=",
                "--evolve=", "--changelog="));
        String name = args.single("NAME");
        String version = required(args, "--version");
        String pool = required(args, "--pool");
        Path requirements = Path.of(required(args, "--requirements"));
        String image = required(args, "--image");
        List<String[]> pins = pins(read(requirements));
        Distributions files = args.value("--from").map(d -> Distributions.directory(Path.of(d)))
                .orElseGet(() -> Distributions.pool(pool));
        ReleaseIndexSpec spec = new ReleaseIndexSpec();
        spec.setVersion(version);
        spec.setPool(pool);
        spec.setImage(image);
        args.value("--based-on").ifPresent(spec::setBasedOn);
        List<String> problems = new ArrayList<>();
        for (String[] pin : pins) {
            Optional<String> file = files.find(pin[0], pin[1]);
            if (file.isEmpty()) {
                problems.add(pin[0] + "==" + pin[1] + ": no distribution file for it in " + files.where());
                continue;
            }
            PackagePin p = new PackagePin();
            p.setName(pin[0]);
            p.setVersion(pin[1]);
            p.setFile(file.get());
            p.setSha256(files.sha256(file.get()));
            spec.getPackages().add(p);
        }
        if (!problems.isEmpty()) {
            throw new Refused("cannot hash every pin:\n  " + String.join("\n  ", problems));
        }
        for (String evolve : args.values("--evolve")) {
            spec.getEvolve().add(manager(evolve));
        }
        if (args.value("--changelog").isPresent()) {
            spec.setChangelog(read(Path.of(args.value("--changelog").get())));
        }
        ReleaseIndex release = new ReleaseIndex();
        release.getMetadata().setName(name);
        s.givenNamespace().ifPresent(release.getMetadata()::setNamespace);
        release.setSpec(spec);
        JsonNode manifest = Session.JSON.valueToTree(release);
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest).remove("status");
        List<Violation> violations = Validator.shared().validate(manifest);
        if (!violations.isEmpty()) {
            throw new Refused("the manifest would be invalid:\n  " + String.join("\n  ",
                    violations.stream().map(v -> v.path() + ": " + v.message()).toList()));
        }
        s.out.print(Session.YAML.writeValueAsString(manifest));
        return KubectlKarl.OK;
    }

    private static String required(Args args, String option) {
        return args.value(option).orElseThrow(() -> new UsageException(option + " is required"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new Refused("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The pins of a requirements file: name and exact version; anything not pinned exactly is refused. */
    static List<String[]> pins(String requirements) {
        List<String[]> pins = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        String[] lines = requirements.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("\\s+#.*$|^#.*$", "").replaceAll("\\s--hash[= ]\\S+", "").replace("\\", "").trim();
            if (line.isEmpty() || line.startsWith("--hash")) {
                continue;
            }
            Matcher m = PINNED.matcher(line);
            if (m.matches()) {
                pins.add(new String[] {m.group(1), m.group(2)});
            } else {
                refused.add("line " + (i + 1) + ": " + line + " is not pinned to one version (use NAME==VERSION)");
            }
        }
        if (!refused.isEmpty()) {
            throw new Refused("unpinned requirements:\n  " + String.join("\n  ", refused));
        }
        if (pins.isEmpty()) {
            throw new Refused("the requirements file pins nothing");
        }
        return pins;
    }

    /** {@code karl=29} or {@code karl=29:creation_date,texts}. */
    static EvolveManager manager(String text) {
        Matcher m = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)=(\\d+)(?::(.+))?$").matcher(text);
        if (!m.matches()) {
            throw new UsageException("--evolve takes MANAGER=GENERATION[:INDEX,...], not " + text);
        }
        EvolveManager manager = new EvolveManager();
        manager.setManager(m.group(1));
        manager.setGeneration(Long.parseLong(m.group(2)));
        if (m.group(3) != null) {
            EvolveStep step = new EvolveStep();
            step.setGeneration(manager.getGeneration());
            step.setReindex(List.of(m.group(3).split(",")));
            manager.getSteps().add(step);
        }
        return manager;
    }

    /** Where the distribution files are: a directory, or a pool URL with a listing. */
    interface Distributions {
        List<String> files();

        String sha256(String file);

        String where();

        /** The file of {@code name==version}: a source distribution first, else a wheel or egg. */
        default Optional<String> find(String name, String version) {
            String project = Pep503.normalize(name);
            List<String> matching = files().stream().filter(f -> matches(f, project, version)).sorted().toList();
            return matching.stream().filter(f -> SDIST.stream().anyMatch(f::endsWith)).findFirst()
                    .or(() -> matching.stream().findFirst());
        }

        static Distributions directory(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new Refused("--from " + dir + " is not a directory");
            }
            return new Distributions() {
                @Override
                public List<String> files() {
                    try (Stream<Path> list = Files.list(dir)) {
                        return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
                    } catch (IOException e) {
                        throw new Refused("cannot list " + dir + ": " + e.getMessage());
                    }
                }

                @Override
                public String sha256(String file) {
                    try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                        return digest(in);
                    } catch (IOException e) {
                        throw new Refused("cannot read " + dir.resolve(file) + ": " + e.getMessage());
                    }
                }

                @Override
                public String where() {
                    return dir.toString();
                }
            };
        }

        static Distributions pool(String pool) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            String base = pool.endsWith("/") ? pool : pool + "/";
            return new Distributions() {
                private List<String> files;

                @Override
                public List<String> files() {
                    if (files == null) {
                        Set<String> found = new LinkedHashSet<>();
                        Matcher m = HREF.matcher(new String(get(base), java.nio.charset.StandardCharsets.UTF_8));
                        while (m.find()) {
                            String href = m.group(1);
                            String file = href.substring(href.lastIndexOf('/') + 1);
                            if (!file.isEmpty()) {
                                found.add(java.net.URLDecoder.decode(file, java.nio.charset.StandardCharsets.UTF_8));
                            }
                        }
                        files = List.copyOf(found);
                    }
                    return files;
                }

                @Override
                public String sha256(String file) {
                    try (InputStream in = new java.io.ByteArrayInputStream(get(base + file))) {
                        return digest(in);
                    } catch (IOException e) {
                        throw new Refused("cannot hash " + base + file + ": " + e.getMessage());
                    }
                }

                @Override
                public String where() {
                    return base;
                }

                private byte[] get(String url) {
                    try {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            throw new Refused("GET " + url + " answered " + r.statusCode());
                        }
                        return r.body();
                    } catch (IOException e) {
                        throw new Refused("GET " + url + " failed: " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Refused("interrupted");
                    }
                }
            };
        }
    }

    /** Whether {@code file} is a distribution of {@code project} (normalised) at exactly {@code version}. */
    static boolean matches(String file, String project, String version) {
        String stem;
        if (file.endsWith(".whl") || file.endsWith(".egg")) {
            String[] parts = file.substring(0, file.length() - 4).split("-");
            if (parts.length < 2) {
                return false;
            }
            return Pep503.normalize(parts[0]).equals(project) && parts[1].equals(version);
        }
        Optional<String> ext = SDIST.stream().filter(file::endsWith).findFirst();
        if (ext.isEmpty()) {
            return false;
        }
        stem = file.substring(0, file.length() - ext.get().length());
        int dash = stem.lastIndexOf('-');
        return dash > 0 && Pep503.normalize(stem.substring(0, dash)).equals(project) && stem.substring(dash + 1).equals(version);
    }

    static String digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int diff(Session s, List<String> argv) {
        Args args = Args.parse(argv, Set.of());
        if (args.positional().size() != 2) {
            throw new UsageException("release diff takes two releases: A B");
        }
        String a = args.positional().get(0);
        String b = args.positional().get(1);
        String ns = s.namespace();
        Map<String, ReleaseIndexSpec> specs = new LinkedHashMap<>();
        for (ReleaseIndex r : s.client().resources(ReleaseIndex.class).inNamespace(ns).list().getItems()) {
            specs.put(r.getMetadata().getName(), r.getSpec());
        }
        EffectiveRelease from = effective(ns, a, specs);
        EffectiveRelease to = effective(ns, b, specs);
        StringBuilder t = new StringBuilder();
        t.append(s.style.bold("Release " + a + " (" + from.version() + ", chain " + String.join(" <- ", from.chain()) + ") -> "
                + b + " (" + to.version() + ", chain " + String.join(" <- ", to.chain()) + ")")).append('\n');
        t.append(s.style.bold("Packages")).append(" (effective sets)\n");
        Set<String> projects = new TreeSet<>();
        from.packages().forEach(p -> projects.add(p.project()));
        to.packages().forEach(p -> projects.add(p.project()));
        int changes = 0;
        for (String project : projects) {
            Optional<EffectiveRelease.ResolvedPackage> before = from.find(project);
            Optional<EffectiveRelease.ResolvedPackage> after = to.find(project);
            if (before.isEmpty()) {
                t.append("  + ").append(after.get().name()).append(' ').append(after.get().version())
                        .append("  (in ").append(after.get().declaredIn()).append(")\n");
            } else if (after.isEmpty()) {
                t.append("  - ").append(before.get().name()).append(' ').append(before.get().version()).append('\n');
            } else if (!before.get().version().equals(after.get().version()) || !before.get().sha256().equals(after.get().sha256())) {
                t.append("  ~ ").append(after.get().name()).append(' ').append(before.get().version()).append(" -> ")
                        .append(after.get().version())
                        .append(before.get().version().equals(after.get().version()) ? "  (same version, another file: sha256 changed)" : "")
                        .append('\n');
            } else {
                continue;
            }
            changes++;
        }
        if (changes == 0) {
            t.append("  (no change)\n");
        }
        t.append(s.style.bold("Evolve generations")).append('\n');
        Set<String> managers = new TreeSet<>(from.generations().keySet());
        managers.addAll(to.generations().keySet());
        for (String m : managers) {
            Long g0 = from.generations().get(m);
            Long g1 = to.generations().get(m);
            t.append("  ").append(StatusCommand.pad(m, 12)).append(g0 == null ? "-" : g0).append(" -> ").append(g1 == null ? "-" : g1)
                    .append(java.util.Objects.equals(g0, g1) ? "  (unchanged)" : g1 != null && g0 != null && g1 < g0 ? "  (backwards: "
                            + "a rollback across this needs a data restore)" : "").append('\n');
            for (ReleaseIndexSpec spec : specs.values()) {
                for (EvolveManager declared : spec.getEvolve()) {
                    if (!declared.getManager().equals(m)) {
                        continue;
                    }
                    for (EvolveStep step : declared.getSteps()) {
                        long g = step.getGeneration();
                        if (g > (g0 == null ? 0 : g0) && g1 != null && g <= g1) {
                            t.append("      step ").append(g).append(step.getReindex().isEmpty() ? ""
                                    : ": reindexes " + String.join(", ", step.getReindex())).append('\n');
                        }
                    }
                }
            }
        }
        List<String> reindex = ReindexPlan.of(from.generations(), to.generations(), specs.values());
        t.append(s.style.bold("Reindex")).append("  ").append(reindex.isEmpty() ? "(nothing)" : String.join(", ", reindex)).append('\n');
        List<String> newInChain = to.chain().stream().filter(r -> !from.chain().contains(r)).toList();
        for (String r : newInChain) {
            changelog(t, s.style, r, specs.get(r));
        }
        changelog(t, s.style, a, specs.get(a));
        s.out.print(t);
        return KubectlKarl.OK;
    }

    private static void changelog(StringBuilder t, Style style, String release, ReleaseIndexSpec spec) {
        t.append(style.bold("Changelog of " + release)).append('\n');
        String text = spec.getChangelog() == null ? "(none)" : spec.getChangelog().strip();
        text.lines().forEach(l -> t.append("  ").append(l).append('\n'));
    }

    private static EffectiveRelease effective(String ns, String name, Map<String, ReleaseIndexSpec> specs) {
        ReleaseIndexSpec spec = specs.get(name);
        if (spec == null) {
            throw new Refused("ReleaseIndex " + ns + "/" + name + " not found");
        }
        EffectiveRelease.Resolution resolution = EffectiveRelease.resolve(ns, name, spec,
                n -> specs.containsKey(n) ? new EffectiveRelease.Parent(true, specs.get(n)) : EffectiveRelease.Parent.MISSING);
        if (!resolution.ok()) {
            throw new Refused(name + ": " + resolution.problem().message());
        }
        return resolution.release();
    }
}
