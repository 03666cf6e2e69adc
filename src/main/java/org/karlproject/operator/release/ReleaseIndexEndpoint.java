package org.karlproject.operator.release;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.karlproject.operator.validation.Pep503;

/**
 * Serves each Ready ReleaseIndex as a PEP 503 simple index and as a hashed requirements file, from the
 * operator's HTTP port. Unknown or not-Ready releases get 404 with a one-line reason.
 */
@Path("/releases/{namespace}/{name}")
public class ReleaseIndexEndpoint {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";
    private static final String TEXT = MediaType.TEXT_PLAIN + ";charset=utf-8";

    private final ReleaseRegistry registry;

    @Inject
    public ReleaseIndexEndpoint(ReleaseRegistry registry) {
        this.registry = registry;
    }

    /** The simple index's URL path for a release. */
    public static String simplePath(String namespace, String name) {
        return "/releases/" + namespace + "/" + name + "/simple/";
    }

    @GET
    @Path("simple")
    public Response projects(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return release(namespace, name).map(r -> ok(IndexPages.projectList(r), HTML)).orElseGet(() -> notFound(namespace, name));
    }

    @GET
    @Path("simple/{project}")
    public Response project(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @PathParam("project") String project) {
        Optional<EffectiveRelease> release = release(namespace, name);
        if (release.isEmpty()) {
            return notFound(namespace, name);
        }
        String normalized = Pep503.normalize(project);
        if (!normalized.equals(project)) {
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(URI.create(simplePath(namespace, name) + normalized + "/")).build();
        }
        return IndexPages.projectPage(release.get(), normalized).map(page -> ok(page, HTML))
                .orElseGet(() -> text(Response.Status.NOT_FOUND, "release " + namespace + "/" + name
                        + " pins no project named " + normalized + "\n"));
    }

    @GET
    @Path("requirements.txt")
    public Response requirements(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return release(namespace, name).map(r -> ok(IndexPages.requirements(r), TEXT)).orElseGet(() -> notFound(namespace, name));
    }

    private Optional<EffectiveRelease> release(String namespace, String name) {
        return registry.find(namespace, name);
    }

    private static Response ok(String body, String type) {
        return Response.ok(body, type).build();
    }

    private static Response notFound(String namespace, String name) {
        return text(Response.Status.NOT_FOUND, "no Ready ReleaseIndex " + namespace + "/" + name
                + " (unknown, not Ready yet, or invalid: see kubectl describe releaseindex " + name + " -n " + namespace + ")\n");
    }

    private static Response text(Response.Status status, String body) {
        return Response.status(status).entity(body).type(TEXT).build();
    }
}
