package io.facestream.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials kept out of the {@code cameras} topic: a camera URL may hold {@code ${CAMERA_SECRET_<NAME>}}
 * placeholders, which ingest fills from its own environment when it opens the camera. Only variables with this prefix
 * can be named, so that a camera added through the API cannot have ingest send its other settings (Kafka passwords)
 * to a server of its choosing. The values are never printed.
 */
public final class CameraSecrets {
    public static final String PREFIX = "CAMERA_SECRET_";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> values;

    private CameraSecrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The {@value #PREFIX} variables of {@code env}. */
    public static CameraSecrets fromEnvironment(Map<String, String> env) {
        Map<String, String> values = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                values.put(name, value);
            }
        });
        return new CameraSecrets(values);
    }

    /**
     * {@code url} with every placeholder replaced by its variable's value as it is ('@' and ':' in a password need no
     * encoding, as the userinfo runs to the authority's last '@'; '/', '?' and '#' do); an
     * {@link IllegalArgumentException} names the variable of a placeholder that is not set or not allowed (by its bare
     * name: a placeholder in the userinfo is masked in messages as a password would be).
     */
    public String fill(String url) {
        Matcher placeholder = PLACEHOLDER.matcher(url);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            if (!name.startsWith(PREFIX)) {
                throw new IllegalArgumentException("url names the variable " + name + ": placeholders may name only "
                        + PREFIX + "* variables");
            }
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("url names the variable " + name
                        + ", which ingest's environment does not set");
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(filled).toString();
    }

    @Override
    public String toString() {
        return "CameraSecrets" + values.keySet();
    }
}
