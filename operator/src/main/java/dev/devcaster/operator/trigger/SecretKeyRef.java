package dev.devcaster.operator.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.Objects;

/**
 * A key of a Secret in the Trigger's own namespace. There is deliberately no namespace field: a
 * Trigger must never make the operator read another namespace's Secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

    public static final String DEFAULT_KEY = "apiKey";

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the Secret, in the same namespace as the Trigger.")
    private String name;

    @Default(DEFAULT_KEY)
    @Size(min = 1)
    @JsonPropertyDescription("Key in the Secret whose value is the Devcaster project API key. Defaults to apiKey.")
    private String key = DEFAULT_KEY;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretKeyRef other && Objects.equals(name, other.name) && Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, key);
    }
}
