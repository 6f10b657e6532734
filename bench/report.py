"""Turns bench/run's raw figures into the results table (stdout, and bench/results.md)."""
import collections
import datetime
import os
import statistics
import subprocess
import sys

raw, write, out, xmx, runs = sys.argv[1], sys.argv[2] == "1", sys.argv[3], sys.argv[4], sys.argv[5]
data = collections.defaultdict(list)  # (kind, size, key) -> values
for line in open(raw):
    kind, size, run, key, value = line.rstrip("\n").split("\t")
    try:
        data[(kind, int(size), key)].append(float(value))
    except ValueError:
        pass
sizes = sorted({s for (_, s, _) in data})


def med(kind, size, key):
    v = data.get((kind, size, key), [])
    return statistics.median(v) if v else float("nan")


def rng(kind, size, key, fmt="{:.1f}"):
    v = data.get((kind, size, key), [])
    if not v:
        return "–"
    return (fmt + " ({}–{})").format(statistics.median(v), fmt.format(min(v)), fmt.format(max(v)))


def floor_total(size):
    keys = ("read_s", "xlsx_s", "csv_s")
    runs_ = zip(*[data.get(("floor", size, k), []) for k in keys])
    return [sum(t) for t in runs_]


rows = []
head = ("| hosts | compliance rows | floor s (read + xlsx + csv) | floor rows/s | job s (repository) | job rows/s"
        " | job ÷ floor | job process wall s | job heap MB: peak / live | job peak RSS MB | floor heap MB: peak / live | floor peak RSS MB |")
rows.append(head)
rows.append("|" + "---|" * head.count("|")[:-1] if False else "|" + "|".join(["---"] * (head.count("|") - 1)) + "|")
for s in sizes:
    n = med("meta", s, "compliance_rows")
    ft = floor_total(s)
    jt = data.get(("job", s, "job_s"), [])
    fm = statistics.median(ft) if ft else float("nan")
    jm = statistics.median(jt) if jt else float("nan")
    ratios = [j / f for j, f in zip(jt, ft)] if ft and jt else []
    rows.append("| {:,} | {:,} | {} | {:,.0f} | {} | {:,.0f} | {} | {} | {} | {} | {} | {} |".format(
        s, int(n),
        "{:.1f} ({:.1f}–{:.1f})".format(fm, min(ft), max(ft)) if ft else "–",
        n / fm if ft else 0,
        "{:.1f} ({:.1f}–{:.1f})".format(jm, min(jt), max(jt)) if jt else "–",
        n / jm if jt else 0,
        "{:.2f} ({:.2f}–{:.2f})".format(statistics.median(ratios), min(ratios), max(ratios)) if ratios else "–",
        rng("job", s, "wall_s"), rng("job", s, "heap_mb", "{:.0f}") + " / " + rng("job", s, "live_mb", "{:.0f}"),
        rng("job", s, "rss_mb", "{:.0f}"),
        rng("floor", s, "heap_mb", "{:.0f}") + " / " + rng("floor", s, "live_mb", "{:.0f}"), rng("floor", s, "rss_mb", "{:.0f}")))

steps = ["extractStep_s", "reconcileStep_s", "publishStep_s", "historyStep_s"]
rows2 = ["| hosts | workbook rows | CSV rows | extract s | reconcile s | publish s | history s"
         " | floor read s | floor xlsx s | floor csv s | fastexcel s (reference) |",
         "|" + "|".join(["---"] * 11) + "|"]
for s in sizes:
    rows2.append("| {:,} | {:,} | {:,} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
        s, int(med("meta", s, "workbook_rows")), int(med("meta", s, "csv_rows")),
        *[rng("job", s, k) for k in steps],
        rng("floor", s, "read_s"), rng("floor", s, "xlsx_s"), rng("floor", s, "csv_s"), rng("floor", s, "fastexcel_s")))

rows3 = []
cio_sizes = [s for s in sizes if data.get(("cio", s, "publishStep_s"))]
if cio_sizes:
    rows3 = ["The cio profile of the same estate (`--cio`), publish step beside the monthly one's, seconds:", "",
             "| hosts | monthly publish s | cio publish s | cio ÷ monthly | cio job s | cio heap MB: peak / live |",
             "|" + "|".join(["---"] * 6) + "|"]
    for s in cio_sizes:
        m, c = data.get(("job", s, "publishStep_s"), []), data.get(("cio", s, "publishStep_s"), [])
        ratios = [b / a for a, b in zip(m, c) if a > 0]
        rows3.append("| {:,} | {} | {} | {} | {} | {} |".format(
            s, rng("job", s, "publishStep_s"), rng("cio", s, "publishStep_s"),
            "{:.2f} ({:.2f}–{:.2f})".format(statistics.median(ratios), min(ratios), max(ratios)) if ratios else "–",
            rng("cio", s, "job_s"), rng("cio", s, "heap_mb", "{:.0f}") + " / " + rng("cio", s, "live_mb", "{:.0f}")))
    rows3.append("")

rows4 = []
size_sizes = [s for s in sizes if data.get(("job", s, "csv_mb"))]
if size_sizes:
    rows4 = ["What a set weighs: the findings CSV and the workbook of the monthly profile, and of the audit"
             " profile (`--audit`: every pair on its All findings sheets), MB, with its publish step and job, seconds:", "",
             "| hosts | CSV MB | monthly workbook MB | monthly publish s | audit workbook MB | audit publish s"
             " | audit job s | audit heap MB: peak / live |",
             "|" + "|".join(["---"] * 8) + "|"]
    for s in size_sizes:
        rows4.append("| {:,} | {} | {} | {} | {} | {} | {} | {} |".format(
            s, rng("job", s, "csv_mb"), rng("job", s, "workbook_mb"), rng("job", s, "publishStep_s"),
            rng("audit", s, "workbook_mb"), rng("audit", s, "publishStep_s"), rng("audit", s, "job_s"),
            rng("audit", s, "heap_mb", "{:.0f}") + " / " + rng("audit", s, "live_mb", "{:.0f}")))
    rows4.append("")


def machine():
    cores = os.cpu_count()
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) / 1024 / 1024
    jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    load = open("/proc/loadavg").read().split()[:3]
    return "{} cores, {:.0f} GB memory, {}; load average {} at the end".format(
        cores, mem, jdk[1].strip() if len(jdk) > 1 else jdk[0], " / ".join(load))


text = "\n".join([
    "# Benchmark results",
    "",
    "Written by `bench/run` on {} ({}); every JVM with `-Xmx{}`; {} runs per size (no warm-up run);"
    " medians, min–max in brackets.".format(datetime.date.today().isoformat(), machine(), xmx, runs),
    "",
    "Job time is the job execution's duration in the job repository (extract start to history end, JVM"
    " start-up and Spring context excluded); the process wall time includes them. The floor is the sum of"
    " its read, xlsx and csv parts, each timed inside one JVM. Rows/s are compliance rows per second."
    " Heap from the GC log: peak = the largest heap occupancy before a collection (G1 lets it fill up to the"
    " limit), live = the largest left after one. RSS from time -v.",
    "",
    *rows,
    "",
    "Per step (job) and per part (floor), seconds:",
    "",
    *rows2,
    "",
    *rows3,
    *rows4,
])
print(text)
if write:
    open(out, "w").write(text)
