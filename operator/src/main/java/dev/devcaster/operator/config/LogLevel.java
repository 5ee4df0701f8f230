package dev.devcaster.operator.config;

/** Level of the operator's own loggers; {@link LogConfiguration} reads the same variable. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
}
