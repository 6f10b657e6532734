package io.patchproof.cli;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Spring Boot's YAML loader, whose syntax errors name the file ({@link ConfigFileException}).
 * Registered in {@code META-INF/spring.factories} ahead of Boot's own, which then never sees a
 * {@code .yml} or {@code .yaml} file (Boot keeps the first loader for each file name).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LocatingYamlPropertySourceLoader extends YamlPropertySourceLoader {

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return super.load(name, resource);
        } catch (MarkedYAMLException e) {
            throw new ConfigFileException(resource, e);
        }
    }
}
