package org.karlproject.operator.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs the Argo CD Lua scripts under docs/gitops/ the way Argo CD does: the resource as the global
 * {@code obj}, the script's return value as the result. A health script is the shared kstatus.lua
 * followed by the kind's own file, exactly as docs/gitops.md puts them in argocd-cm.
 */
final class ArgoLua {

    static final Path DIR = Path.of("docs", "gitops");
    static final List<String> KINDS = List.of("ReleaseIndex", "ZeoDatabase", "KarlSite", "EvolveRun", "ReleaseTrain");

    private ArgoLua() {
    }

    /** The health script Argo CD runs for {@code kind}. */
    static String healthScript(String kind) {
        return read(DIR.resolve("health/kstatus.lua")) + "\n" + read(DIR.resolve("health/" + kind + ".lua"));
    }

    /** The Argo CD actions of ZeoDatabase: action name to script; "discovery" lists them. */
    static Map<String, String> zeoDatabaseActions() {
        return Map.of("discovery", read(DIR.resolve("actions/ZeoDatabase-discovery.lua")),
                "backup-now", read(DIR.resolve("actions/ZeoDatabase-backup-now.lua")));
    }

    /** Argo CD's reading of {@code obj}: health status and message. */
    record Health(String status, String message) {
    }

    static Health health(String kind, JsonNode obj) {
        LuaValue hs = run(healthScript(kind), obj);
        return new Health(hs.get("status").tojstring(), hs.get("message").isnil() ? null : hs.get("message").tojstring());
    }

    static LuaValue run(String script, JsonNode obj) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(obj));
        return globals.load(script, "script").call();
    }

    static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.fields().forEachRemaining(f -> table.set(f.getKey(), toLua(f.getValue())));
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isIntegralNumber()) {
            return LuaValue.valueOf(node.asLong());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return node.isNull() || node.isMissingNode() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
    }

    /** A Lua table back to JSON (objects only where keys are strings; arrays for 1..n). */
    static JsonNode toJson(LuaValue value) {
        if (value.istable()) {
            LuaTable table = (LuaTable) value;
            if (table.length() > 0) {
                var array = JsonNodeFactory.instance.arrayNode();
                for (int i = 1; i <= table.length(); i++) {
                    array.add(toJson(table.get(i)));
                }
                return array;
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (LuaValue key : table.keys()) {
                object.set(key.tojstring(), toJson(table.get(key)));
            }
            return object;
        }
        if (value.isboolean()) {
            return JsonNodeFactory.instance.booleanNode(value.toboolean());
        }
        if (value.type() == LuaValue.TNUMBER) {
            return value.todouble() == value.tolong() ? JsonNodeFactory.instance.numberNode(value.tolong())
                    : JsonNodeFactory.instance.numberNode(value.todouble());
        }
        return value.isnil() ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value.tojstring());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
