package dev.devcaster.operator.config;

/** How the operator writes its log lines. */
public enum LogFormat {
    TEXT,
    JSON
}
