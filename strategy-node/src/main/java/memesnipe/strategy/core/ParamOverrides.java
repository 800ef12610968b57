package memesnipe.strategy.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy's parameters with some of them replaced by a deployment's settings: the parameters are a record (each
 * strategy's {@code Params}), a setting names a component by its name, a nested record's by a dotted path
 * ({@code exits.stopLossBps}), and its text is parsed by the component's type (int, long, double, boolean, String,
 * ZoneId, LocalTime). Every unknown name and unreadable value is reported together. Pure.
 */
public final class ParamOverrides {
    private ParamOverrides() {
    }

    /** The defaults with the overrides applied; IllegalArgumentException listing every problem. */
    public static <R extends Record> R apply(R defaults, Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        Map<String, String> left = new LinkedHashMap<>(overrides);
        R out = rebuild(defaults, "", left, problems);
        left.keySet().forEach(k -> problems.add("unknown parameter '" + k + "' (known: "
                + String.join(", ", describe(defaults).keySet()) + ")"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return out;
    }

    /** Every parameter's path and its value in these parameters, in declaration order. */
    public static Map<String, String> describe(Record params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : params.getClass().getRecordComponents()) {
            Object value = get(c, params);
            if (value instanceof Record nested) {
                describe(nested).forEach((k, v) -> out.put(c.getName() + "." + k, v));
            } else {
                out.put(c.getName(), String.valueOf(value));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R rebuild(R record, String prefix, Map<String, String> left, List<String> problems) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            values[i] = get(c, record);
            String path = prefix + c.getName();
            if (values[i] instanceof Record nested) {
                Record rebuilt = rebuild(nested, path + ".", left, problems);
                changed |= rebuilt != nested;
                values[i] = rebuilt;
            } else if (left.containsKey(path)) {
                String text = left.remove(path).trim();
                try {
                    values[i] = parse(c.getType(), text);
                    changed = true;
                } catch (RuntimeException e) {
                    problems.add(path + "='" + memesnipe.model.text.Printable.of(text) + "' is not a "
                            + c.getType().getSimpleName());
                }
            }
        }
        if (!changed) {
            return record;
        }
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (R) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            problems.add(prefix + "*: " + e.getCause().getMessage());
            return record;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + record.getClass().getSimpleName(), e);
        }
    }

    private static Object parse(Class<?> type, String text) {
        if (type == int.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class) {
            return Long.parseLong(text);
        }
        if (type == double.class) {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        }
        if (type == boolean.class) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("not a boolean");
            }
            return Boolean.parseBoolean(text);
        }
        if (type == String.class) {
            return text;
        }
        if (type == ZoneId.class) {
            return ZoneId.of(text);
        }
        if (type == LocalTime.class) {
            return LocalTime.parse(text);
        }
        throw new IllegalArgumentException("parameters of type " + type.getSimpleName() + " cannot be set");
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
