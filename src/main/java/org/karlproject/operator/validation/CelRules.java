package org.karlproject.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CRD's CEL rules ({@code x-kubernetes-validations}), compiled once with CEL-Java and evaluated at
 * their schema location against the value there, as the API server does. Transition rules (those that
 * read {@code oldSelf}) run only when an old object is given and it has a value at that location.
 */
final class CelRules {
    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.optional())
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.optional())
            .build();

    /** One compiled rule. */
    record Rule(String expression, String message, String fieldPath, boolean transition,
                CelRuntime.Program program) {
    }

    /** The rules of each schema node, by identity of the node. */
    private final Map<JsonNode, List<Rule>> rulesBySchema = new IdentityHashMap<>();

    CelRules(JsonNode rootSchema) {
        collect(rootSchema);
    }

    int size() {
        return rulesBySchema.values().stream().mapToInt(List::size).sum();
    }

    /** Evaluates every rule at every location of the (defaulted) document. */
    List<Violation> check(JsonNode schema, JsonNode document, JsonNode oldDocument) {
        List<Violation> violations = new ArrayList<>();
        SchemaWalk.walk(schema, document, oldDocument, "", (nodeSchema, value, old, path) -> {
            List<Rule> rules = rulesBySchema.get(nodeSchema);
            if (rules == null) {
                return;
            }
            Object self = toCel(value);
            Object oldSelf = old == null || old.isNull() ? null : toCel(old);
            for (Rule rule : rules) {
                if (rule.transition() && oldSelf == null) {
                    continue; // a transition rule cannot be checked without the old value
                }
                String where = rule.fieldPath() == null ? path : FieldPath.resolve(path, rule.fieldPath());
                String failure = evaluate(rule, self, oldSelf);
                if (failure != null) {
                    violations.add(new Violation(FieldPath.orRoot(where), failure, Violation.Layer.CEL));
                }
            }
        });
        return violations;
    }

    /** Null when the rule holds, else the message to report. */
    private static String evaluate(Rule rule, Object self, Object oldSelf) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("self", self);
        if (oldSelf != null) {
            variables.put("oldSelf", oldSelf);
        }
        try {
            Object result = rule.program().eval(variables);
            if (Boolean.TRUE.equals(result)) {
                return null;
            }
            if (Boolean.FALSE.equals(result)) {
                return rule.message();
            }
            return rule.transition() ? null : "rule " + rule.expression() + " did not evaluate to a boolean";
        } catch (CelEvaluationException e) {
            return rule.message() + " (rule could not be evaluated: " + e.getMessage() + ")";
        }
    }

    private void collect(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode validations = schema.get("x-kubernetes-validations");
        if (validations != null) {
            List<Rule> rules = new ArrayList<>();
            for (JsonNode validation : validations) {
                rules.add(compile(validation));
            }
            rulesBySchema.put(schema, rules);
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            properties.forEach(this::collect);
        }
        collect(schema.get("items"));
        collect(schema.get("additionalProperties"));
    }

    private static Rule compile(JsonNode validation) {
        String expression = validation.path("rule").asText();
        String message = validation.hasNonNull("message")
                ? validation.get("message").asText() : "failed rule: " + expression;
        String fieldPath = validation.hasNonNull("fieldPath") ? validation.get("fieldPath").asText() : null;
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return new Rule(expression, message, fieldPath, OLD_SELF.matcher(expression).find(),
                    RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("CEL rule " + expression + " does not compile offline: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A JSON value as CEL-Java expects it: maps, lists, strings, booleans, {@code Long} (never
     * {@code Integer}: {@code >=} and {@code +} have no overload for it) and {@code Double}. The tree has
     * been through {@link Defaults#withoutNulls} already: a null map entry would make {@code has()} true,
     * where the API server would have pruned it.
     */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(field -> map.put(field.getKey(), toCel(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            return value.bitLength() < 64 ? (Object) value.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
