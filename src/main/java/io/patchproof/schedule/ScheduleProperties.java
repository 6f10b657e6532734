package io.patchproof.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When {@code schedule} fires its runs: each a Quartz cron expression, optionally followed by an
 * offset in days ({@code +5d}), or {@code off} ({@link RunSchedule}).
 *
 * @param monthly   the monthly profile's run: by default the Sunday after Patch Tuesday (the
 *                  second Tuesday of the month + 5 days), 06:00 local time
 * @param quarterly the cio profile's run: by default the first weekday of each quarter, 06:00
 */
@ConfigurationProperties("patchproof.schedule")
public record ScheduleProperties(
        @DefaultValue(RunSchedule.DEFAULT_MONTHLY) String monthly,
        @DefaultValue(RunSchedule.DEFAULT_QUARTERLY) String quarterly) {
}
