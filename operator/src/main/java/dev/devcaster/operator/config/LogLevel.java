package dev.devcaster.operator.config;

/** Level of the operator's own loggers; Log4j reads the same variable. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
}
