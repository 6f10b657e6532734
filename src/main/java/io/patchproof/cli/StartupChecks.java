package io.patchproof.cli;

import io.patchproof.job.PatchproofProperties;
import io.patchproof.job.UsageException;
import io.patchproof.schedule.RunSchedule;
import io.patchproof.schedule.ScheduleProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The checks of the configuration that need nothing opened, run as soon as Spring has read it
 * (command line, configuration files, environment) and before logging starts, the local store
 * is opened or anything else is created. Each refusal is a {@link UsageException} whose message
 * is the one line the console gets (exit code 2):
 * <ol>
 * <li>the log file's folder can be created and written ({@code logging.file.name});</li>
 * <li>no unknown {@code patchproof.*} or {@code spring.datasource.*} name, and no near miss of
 * {@code spring.datasource} ({@link PropertyNames}), in any configuration file, on the command
 * line, as a system property or (patchproof's only) as an environment variable;</li>
 * <li>every active profile has configuration of its own (a profile-specific file, a document
 * activated on it, or a profile group naming it): Spring silently ignores a profile it has
 * nothing for;</li>
 * <li>{@code patchproof.as-of} is not given empty (an unset shell variable), which would mean
 * today;</li>
 * <li>every {@code patchproof.*} value converts to its type and is in range
 * ({@link PatchproofProperties}' constraints), and each {@code patchproof.schedule.*} is a cron
 * expression or {@code off} ({@link RunSchedule});</li>
 * <li>the local store's folder and disk ({@link LocalStoreFile#checkBeforeStart}).</li>
 * </ol>
 * One instance per command; not thread-safe (Spring calls it once, on the starting thread).
 */
final class StartupChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** After the configuration files are read (order +10), before logging starts (+20). */
    static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER - 5;

    private static final String DEFAULT_LOG_FILE = "logs/patchproof.log";
    private static final Pattern PROFILE_FILE = Pattern.compile("-([^-/\\\\\\[\\]]+)\\.(yml|yaml|properties|xml)\\b");

    private final PropertyNames names = PropertyNames.current();
    /** {@code status}: a store held by a running {@code schedule} is read from its status file instead. */
    private final boolean status;
    private LocalStoreFile store;

    StartupChecks(boolean status) {
        this.status = status;
    }
    private String logFile = DEFAULT_LOG_FILE;

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The local store's file, once checked; null where the store is no local H2 file or before the checks. */
    LocalStoreFile store() {
        return store;
    }

    /** Where the log file is. */
    String logFile() {
        return logFile;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        logFile = env.getProperty("logging.file.name", DEFAULT_LOG_FILE);
        checkLogFile(logFile);
        checkNames(env);
        checkProfiles(env);
        checkNotEmpty(env, "patchproof.as-of", "leave it out for today, or give an ISO date such as 2026-11-16");
        bind(env);
        store = LocalStoreFile.of(env.getProperty("spring.datasource.url")).orElse(null);
        if (store != null) {
            if (status && store.heldBySchedule()) {
                throw new HeldBySchedule(store);
            }
            store.checkBeforeStart(LocalStoreFile::usableSpace);
        }
    }

    private static void checkLogFile(String name) {
        Path file = Path.of(name).toAbsolutePath();
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("logging.file.name: the log file's folder " + Path.of(name).getParent()
                    + " cannot be created (" + StartupFailures.rootMessage(e) + "); give a writable place, for example"
                    + " --logging.file.name=/tmp/patchproof.log");
        }
        if (!Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file)) {
            throw new UsageException("logging.file.name: the log file " + name + " cannot be written (read-only);"
                    + " give a writable place, for example --logging.file.name=/tmp/patchproof.log");
        }
    }

    private void checkNames(ConfigurableEnvironment env) {
        for (PropertySource<?> source : env.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            boolean environment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
            for (String name : enumerable.getPropertyNames()) {
                if (environment ? names.isUnknownVariable(name) : names.isUnknown(name)) {
                    String nearest = names.nearest(environment ? name.toLowerCase(java.util.Locale.ROOT).replace('_', '.') : name);
                    throw new UsageException((environment ? "environment variable " + name : name) + where(source, name)
                            + " is not a property patchproof knows"
                            + (nearest == null ? "; --help lists them all" : "; did you mean " + nearest + "?"));
                }
            }
        }
    }

    private static String where(PropertySource<?> source, String name) {
        if (source instanceof OriginLookup<?>) {
            @SuppressWarnings("unchecked")
            OriginLookup<String> lookup = (OriginLookup<String>) source;
            String where = StartupFailures.where(lookup.getOrigin(name));
            if (!where.isEmpty()) {
                return where;
            }
        }
        if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())) {
            return "";
        }
        return StartupFailures.where(PropertySourceOrigin.get(source, name));
    }

    /**
     * Every active profile must have configuration of its own: Spring starts with a profile it has
     * nothing for as if none were given ({@code --spring.profiles.active=prdo}).
     */
    private static void checkProfiles(ConfigurableEnvironment env) {
        List<String> known = new ArrayList<>();
        for (PropertySource<?> source : env.getPropertySources()) {
            var m = PROFILE_FILE.matcher(source.getName());
            while (m.find()) {
                known.add(m.group(1));
            }
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("spring.config.activate.on-profile") || name.startsWith("spring.profiles.group")) {
                        known.add(String.valueOf(enumerable.getProperty(name)));
                        known.add(name);
                    }
                }
            }
        }
        for (String profile : env.getActiveProfiles()) {
            boolean has = known.stream().anyMatch(k -> Pattern.compile("(^|[^A-Za-z0-9_-])" + Pattern.quote(profile)
                    + "($|[^A-Za-z0-9_-])").matcher(k).find());
            if (!has) {
                throw new UsageException("spring.profiles.active: there is no configuration for profile '" + profile
                        + "' (no application-" + profile + ".yml in ./config/, the working folder or the jar, and no"
                        + " document activated on it); remove the profile or create that file");
            }
        }
    }

    /** A property given empty, as an unset shell variable gives it ({@code --patchproof.as-of=$DATE}), is refused. */
    private static void checkNotEmpty(ConfigurableEnvironment env, String property, String fix) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            ConfigurationProperty p = source.getConfigurationProperty(name);
            if (p != null) {
                if (p.getValue() == null || p.getValue().toString().isBlank()) {
                    throw new UsageException(property + " is empty" + StartupFailures.where(p.getOrigin()) + "; " + fix);
                }
                return;
            }
        }
    }

    /**
     * Binds patchproof.* as the application will, with its constraints, so that a bad value is
     * refused now; and reads the schedules ({@link RunSchedule}), so that a bad cron expression is.
     */
    private static void bind(ConfigurableEnvironment env) {
        ScheduleProperties schedule;
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            Binder.get(env).bind("patchproof", Bindable.of(PatchproofProperties.class), new ValidationBindHandler(validator));
            schedule = Binder.get(env).bindOrCreate("patchproof.schedule", Bindable.of(ScheduleProperties.class));
        } catch (org.springframework.boot.context.properties.bind.BindException e) {
            throw new UsageException(StartupFailures.describe(e), e);
        }
        RunSchedule.of(schedule, java.time.ZoneId.systemDefault());
    }

    /** For {@code status}: the store is held by a running {@code schedule}, which keeps a status file beside it. */
    static final class HeldBySchedule extends UsageException {

        private final transient LocalStoreFile store;

        HeldBySchedule(LocalStoreFile store) {
            super(store.lockedMessage(store.liveHolder()));
            this.store = store;
        }

        LocalStoreFile store() {
            return store;
        }
    }
}
