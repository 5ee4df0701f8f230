package dev.devcaster.operator.config;

/** Invalid operator configuration; the message names the environment variable to fix. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
