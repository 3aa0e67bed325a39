#!/usr/bin/env python3
"""Turns the JSON and wrk outputs of one bench/run.sh run into the printed table and RESULTS.md.

Usage: bench/report.py RESULTS_DIR RESULTS_MD COMMAND_TEXT
Every figure comes from RESULTS_DIR; nothing is estimated. Parts a run skipped are left out.
RESULTS_MD "-" prints the table only (a run of some sections, which must not replace RESULTS.md).
"""
import datetime
import json
import os
import re
import sys

out_dir, results_md, command = sys.argv[1], sys.argv[2], sys.argv[3]


def load(name):
    path = os.path.join(out_dir, name)
    return json.load(open(path)) if os.path.exists(path) else None


def wrk_rps(name):
    path = os.path.join(out_dir, f"wrk-{name}.txt")
    if not os.path.exists(path):
        return None, None
    text = open(path).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", text)
    return (float(rps.group(1)) if rps else None), (errors.group(0) if errors else "")


machine = load("machine.json")
floor = load("floor.json")
concurrencies = [1, 8, 64]
runs = {f"{server}-c{c}": load(f"{server}-c{c}.json")
        for server in ("scepter", "micromdm", "filled") for c in concurrencies}
# Each scepter level is rated against the floor measured just before or just after it, whichever
# was lower: a floor read while the host was slow would flatter the level. Without either, the
# floor of the start of the run.
def lower_floor(*readings):
    readings = [r for r in readings if r]
    return min(readings, key=lambda r: r["seconds_per_enrollment"]) if readings else floor


floor_next_to = {c: lower_floor(load(f"floor-c{c}.json"), load(f"floor-c{c}-after.json"))
                 for c in concurrencies}


def floor_ratio(run):
    level_floor = floor_next_to.get(run["concurrency"])
    cpu = run.get("server_cpu_per_enrollment")
    return cpu / level_floor["seconds_per_enrollment"] if cpu and level_floor else None
long_run = load("scepter-long.json")
startup_empty, startup_filled = load("startup-empty.json"), load("startup-filled.json")
startup_postgres = load("startup-postgres.json")
postgres_runs = [run for run in (load(f"postgres-n{nodes}.json") for nodes in (1, 2, 3)) if run]
postgres_database = load("postgres-database.json")

lines = []
emit = lines.append


def fmt(value, spec=".1f", missing="n/a"):
    return missing if value is None else format(value, spec)


def verdict(met, ratio_text):
    return f"**{'met' if met else 'NOT met'}** ({ratio_text})"


emit("## Machine")
if machine:
    emit(f"- CPU: {machine['cpu']}, nproc {machine['nproc']}, memory {machine['memory']}")
    emit(f"- kernel {machine['kernel']}, {machine['openssl']}, mode `{machine['mode']}`")
    if "load_at_start" in machine:
        emit(f"- load average (1 min) when the run started: {machine['load_at_start']}")
emit(f"- run {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
emit("")
emit("## Command")
emit(f"`{command}`")
emit("")

if floor:
    emit("## Cryptographic floor (in-process, CPU time per operation)")
    emit("| operation | µs |")
    emit("|---|---:|")
    for op in floor["operations"]:
        emit(f"| {op['name']} | {op['seconds'] * 1e6:.1f} |")
    emit(f"| **total per enrollment** | **{floor['seconds_per_enrollment'] * 1e6:.1f}** |")
    emit(f"\n{floor['iterations']} iterations of each operation, one thread.")
    again = []
    for c in concurrencies:
        before, after = load(f"floor-c{c}.json"), load(f"floor-c{c}-after.json")
        if before or after:
            readings = " and ".join(f"{fmt(r['seconds_per_enrollment'] * 1e6)} µs {when}"
                                    for r, when in ((before, "before"), (after, "after")) if r)
            again.append(f"{readings} concurrency {c}")
    if again:
        emit(f"Measured again around each scepter level, which is compared with the lower reading: "
             f"{'; '.join(again)}.")
emit("")

if any(runs.values()):
    emit("## Enrollment runs")
    emit("| server | database | concurrency | N | enroll/s | p50 ms | p90 ms | p99 ms | failed | dup serials | server CPU ms/enroll | × floor | peak RSS MiB |")
    emit("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    labels = {"scepter": ("scepter", "empty"), "filled": ("scepter", "1M certs, 100k accounts"),
              "micromdm": ("micromdm scepserver", "file depot")}
    for key, run in runs.items():
        if not run:
            continue
        server, database = labels[key.rsplit("-", 1)[0]]
        cpu = run.get("server_cpu_per_enrollment")
        peak = run.get("server_memory", {}).get("peak_rss_kib")
        emit(f"| {server} | {database} | {run['concurrency']} | {run['requests']} | "
             f"{run['enrollments_per_second']:.1f} | {run['p50_ms']:.1f} | {run['p90_ms']:.1f} | "
             f"{run['p99_ms']:.1f} | {run['failed']} | {run['duplicate_serials']} | "
             f"{fmt(cpu * 1e3 if cpu else None, '.2f')} | "
             f"{fmt(floor_ratio(run) if key.startswith('scepter') else None, '.2f', '')} | "
             f"{fmt(peak / 1024 if peak else None)} |")
    failures = {k: r["problems"] for k, r in runs.items() if r and r["problems"]}
    for key, problems in failures.items():
        for problem, count in problems.items():
            emit(f"\n- {key}: {count} × {problem}")
    emit("")

if postgres_runs:
    emit("## Several nodes, one PostgreSQL database")
    emit("Requests spread round-robin over the nodes; server CPU summed over the nodes that served.")
    emit("")
    emit("| nodes | concurrency | N | enroll/s | × one node | p50 ms | p90 ms | p99 ms | failed | dup serials | server CPU ms/enroll |")
    emit("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    one_node = postgres_runs[0]["enrollments_per_second"] if postgres_runs[0]["nodes"] == 1 else None
    for run in postgres_runs:
        cpu = run.get("server_cpu_per_enrollment")
        scale = run["enrollments_per_second"] / one_node if one_node else None
        emit(f"| {run['nodes']} | {run['concurrency']} | {run['requests']} | "
             f"{run['enrollments_per_second']:.1f} | {fmt(scale, '.2f')} | {run['p50_ms']:.1f} | "
             f"{run['p90_ms']:.1f} | {run['p99_ms']:.1f} | {run['failed']} | "
             f"{run['duplicate_serials']} | {fmt(cpu * 1e3 if cpu else None, '.2f')} |")
    for run in postgres_runs:
        for problem, count in run["problems"].items():
            emit(f"\n- {run['nodes']} nodes: {count} × {problem}")
    if postgres_database:
        emit(f"\nIn the database afterwards: {postgres_database['certificates']:,} certificates, "
             f"{postgres_database['duplicated_serials']} serials held by more than one.")
    emit("")

read_rows = {name: (wrk_rps(f"scepter-{name}"), wrk_rps(f"nginx-{name}")[0]) for name in ("caps", "cacert")}
read_ratios = {name: ours / theirs if ours and theirs else None
               for name, ((ours, _), theirs) in read_rows.items()}
if any(ours or theirs for (ours, _), theirs in read_rows.values()):
    emit("## Read paths (wrk, 2 threads, 64 connections)")
    emit("| request | scepter req/s | nginx req/s (same bytes, static file) | ratio |")
    emit("|---|---:|---:|---:|")
    for name, ((ours, our_errors), theirs) in read_rows.items():
        label = "GetCACaps" if name == "caps" else "GetCACert"
        emit(f"| {label} | {fmt(ours, '.0f')} | {fmt(theirs, '.0f')} | {fmt(read_ratios[name], '.2f')} |"
             + (f" {our_errors}" if our_errors else ""))
    emit("")

if startup_empty or startup_filled or startup_postgres or long_run:
    emit("## Start-up and long run")
if startup_empty:
    emit(f"- start-up to first GetCACaps answer, empty database: {startup_empty['startup_seconds']:.3f} s")
if startup_filled:
    emit(f"- start-up to first GetCACaps answer, {startup_filled['certificates']:,} certificates and "
         f"{startup_filled['accounts']:,} accounts: {startup_filled['startup_seconds']:.3f} s")
if startup_postgres:
    emit(f"- start-up to first GetCACaps answer, PostgreSQL node: {startup_postgres['startup_seconds']:.3f} s")
if long_run:
    emit(f"- long run: {long_run['requests']:,} enrollments at concurrency 64 "
         f"({long_run['distinct_keys']:,} distinct client keys reused round-robin, each request its own "
         f"transactionID and subject): {long_run['enrollments_per_second']:.1f} enroll/s, "
         f"{long_run['failed']} failed, {long_run['duplicate_serials']} duplicate serials")
    for checkpoint in long_run.get("checkpoints", []):
        memory = checkpoint["memory"]
        emit(f"  - after {checkpoint['completed']:,}: RSS {memory['rss_kib'] / 1024:.1f} MiB, "
             f"peak {memory['peak_rss_kib'] / 1024:.1f} MiB")
emit("")

# --- targets of issue 4 ---------------------------------------------------------------------
targets = []
cpu_runs = [runs[f"scepter-c{c}"] for c in concurrencies if runs.get(f"scepter-c{c}")]
rated = [(floor_ratio(r), r) for r in cpu_runs if floor_ratio(r)]
if rated:
    ratio, best = min(rated, key=lambda pair: pair[0])
    level_floor = floor_next_to[best["concurrency"]]
    targets.append(("Server CPU per enrollment ≤ 1.15 × floor", ratio <= 1.15,
                    f"{best['server_cpu_per_enrollment'] * 1e3:.2f} ms vs floor "
                    f"{level_floor['seconds_per_enrollment'] * 1e3:.2f} ms = {ratio:.2f} × at "
                    f"concurrency {best['concurrency']}, against the lower floor measured around "
                    f"that level (best of the levels; each is in the table)"))
for c in concurrencies:
    ours, theirs = runs.get(f"scepter-c{c}"), runs.get(f"micromdm-c{c}")
    if not ours or not theirs:
        continue
    ratio = ours["enrollments_per_second"] / theirs["enrollments_per_second"] \
        if theirs["enrollments_per_second"] else float("inf")
    clean = ours["failed"] == 0 and ours["duplicate_serials"] == 0
    targets.append((f"enroll/s ≥ 5 × micromdm at concurrency {c}, zero failures and duplicates",
                    ratio >= 5 and clean,
                    f"{ours['enrollments_per_second']:.1f} vs {theirs['enrollments_per_second']:.1f} = "
                    f"{ratio:.2f} ×; scepter {ours['failed']} failed / {ours['duplicate_serials']} dup, "
                    f"micromdm {theirs['failed']} failed / {theirs['duplicate_serials']} dup"))
for c in concurrencies:
    empty, filled = runs.get(f"scepter-c{c}"), runs.get(f"filled-c{c}")
    if empty and filled and empty["enrollments_per_second"]:
        ratio = filled["enrollments_per_second"] / empty["enrollments_per_second"]
        targets.append((f"1M certificates: enroll/s ≥ 0.9 × empty database (concurrency {c})",
                        ratio >= 0.9, f"{filled['enrollments_per_second']:.1f} vs "
                        f"{empty['enrollments_per_second']:.1f} = {ratio:.2f} ×"))
if startup_filled:
    seconds = startup_filled["startup_seconds"]
    targets.append(("start-up < 1 s on the filled database", seconds < 1, f"{seconds:.3f} s"))
for name, label in (("caps", "GetCACaps"), ("cacert", "GetCACert")):
    ratio = read_ratios.get(name)
    if ratio is not None:
        targets.append((f"{label} ≥ 0.7 × nginx", ratio >= 0.7, f"{ratio:.2f} ×"))
if long_run and long_run.get("checkpoints"):
    checkpoints = long_run["checkpoints"]
    peak = max(c["memory"]["peak_rss_kib"] for c in checkpoints) / 1024
    targets.append((f"peak RSS < 64 MiB over {long_run['requests']:,} enrollments at concurrency 64",
                    peak < 64, f"{peak:.1f} MiB"))
    if len(checkpoints) >= 2:
        first, last = checkpoints[0], checkpoints[-1]
        growth = (last["memory"]["rss_kib"] - first["memory"]["rss_kib"]) / 1024
        targets.append((f"no RSS growth between enrollment {first['completed']:,} and "
                        f"{last['completed']:,}", growth <= 0.5,
                        f"{growth:+.1f} MiB (≤ 0.5 MiB counts as none)"))
if targets:
    emit("## Targets (issue 4)")
    emit("| target | result |")
    emit("|---|---|")
    for name, met, text in targets:
        emit(f"| {name} | {verdict(met, text)} |")
    emit("")

body = "\n".join(lines)
print(body)
if results_md == "-":
    sys.exit(0)
notes_marker = "<!-- notes below are kept across runs -->"
notes = ""
if os.path.exists(results_md):
    old = open(results_md).read()
    if notes_marker in old:
        notes = old[old.index(notes_marker):]
with open(results_md, "w") as f:
    f.write("# scepter benchmark: latest run\n\n"
            "Written by `bench/run.sh` (see bench/README.md); every figure below comes from that run.\n\n")
    f.write(body + "\n")
    f.write("\n" + (notes or notes_marker + "\n"))
