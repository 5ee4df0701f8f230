package dev.devcaster.operator.config;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The files Main points log4j at, for each LOG_FORMAT: parsed as the operator's start parses them. */
class LogConfigurationFilesTest {

    @ParameterizedTest
    @CsvSource({"log4j2.properties, PatternLayout", "log4j2-json.properties, JsonTemplateLayout"})
    void eachFormatWritesToStandardOutWithTheOperatorsLevels(String file, String layout) throws Exception {
        ConfigurationSource source = ConfigurationSource.fromResource(file, getClass().getClassLoader());
        assertThat(source).as(file + " on the classpath").isNotNull();
        LoggerContext context = new LoggerContext("test-" + file);
        Configuration configuration = new PropertiesConfigurationFactory().getConfiguration(context, source);
        configuration.initialize();
        try {
            Appender console = configuration.getAppender("console");
            assertThat(console).isInstanceOf(ConsoleAppender.class);
            assertThat(((ConsoleAppender) console).getTarget()).isEqualTo(ConsoleAppender.Target.SYSTEM_OUT);
            assertThat(console.getLayout().getClass().getSimpleName()).isEqualTo(layout);
            assertThat(configuration.getRootLogger().getLevel()).isEqualTo(Level.WARN);
            assertThat(configuration.getLoggerConfig("io.fabric8").getLevel()).isEqualTo(Level.WARN);
            assertThat(configuration.getLoggerConfig("io.javaoperatorsdk").getLevel()).isEqualTo(Level.INFO);
            assertThat(configuration.getLoggerConfig("dev.devcaster").getName()).isEqualTo("dev.devcaster");
        } finally {
            configuration.stop();
        }
    }
}
