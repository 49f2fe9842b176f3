#!/usr/bin/env python3
"""Turns the JSON lines of bench/compare.sh into the Markdown table of docs/BENCHMARKS.md.

Usage: bench/summarize.py results.jsonl [more.jsonl ...]
Per workload and server it shows the median run (by deliveries/s; paced runs by p99 latency) and
every run's figure, so that one run disturbed by other load on the machine does not decide the row.
A second table sets each TuiChat run against ngIRCd's run of the same round (compare.sh runs the
servers one after the other in each round): load on the machine that comes and goes between rounds
then weighs on both sides of a ratio, where it would move a median of one server alone.
"""
import json
import statistics
import sys
from collections import defaultdict


def load(paths):
    runs = defaultdict(list)
    metas = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        for line in lines:
            line = line.strip()
            if not line:
                continue
            item = json.loads(line)
            if "meta" in item:
                metas.append(item["meta"])
            elif item.get("result"):
                item["result"]["loadavg"] = item.get("loadavg")
                # The .NET runtime's compiler thread during the run (compare.sh); absent in older lines.
                item["result"]["compilerCpuMs"] = item.get("compilerCpuMs")
                # Each compare.sh invocation starts with its meta line and numbers its rounds from 1:
                # a round is the invocation and the run number in it.
                item["result"]["round"] = (len(metas), item.get("run"))
                # By server, not by protocol: ngIRCd, ngIRCd without Nagle and tuichat-server's IRC
                # port all speak irc. Lines older than the "server" field name only the protocol.
                runs[(item["row"], item.get("server", item["result"]["proto"]))].append(item["result"])
            else:
                print(f"Not counted: {item['row']} run {item['run']} exited {item['exit']} without a result.\n")
    return metas, runs


def cpu_us_per_delivery(r):
    if not r.get("received") or r.get("serverCpuSeconds") is None:
        return None
    return r["serverCpuSeconds"] / r["received"] * 1e6


def fmt(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def main():
    metas, runs = load(sys.argv[1:])
    for meta in metas:
        print(f"Run of {meta['date']} at commit {meta['commit']}: {meta['cpus']} CPUs, Linux {meta['kernel']}, "
              f"{meta['ngircd']}, .NET SDK {meta['dotnet']}.\n")
    print("| workload | server | runs | deliveries/s (median; all) | p50 ms | p99 ms (all runs) | max ms | lost | dropped "
          "| server CPU µs/delivery | JIT ms | setup s | server RSS/client KiB | server threads | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (row, proto) in sorted(runs, key=lambda k: (["fanout", "paced", "idle5000", "room2000"].index(k[0])
                                                    if k[0] in ["fanout", "paced", "idle5000", "room2000"] else 9, k[1])):
        rs = runs[(row, proto)]
        # Paced runs all deliver the same rate: their median is by p99 latency instead.
        key = "latencyP99Ms" if row == "paced" else "deliveriesPerSecond"
        ordered = sorted(rs, key=lambda r: r[key])
        median = ordered[(len(ordered) - 1) // 2]
        all_rates = "; ".join(fmt(r["deliveriesPerSecond"]) for r in rs)
        all_p99 = "; ".join(fmt(r["latencyP99Ms"], 2) for r in rs)
        if not median["senders"]:
            print(f"| {row} | {proto} | {len(rs)} | – | – | – | – "
                  f"| – | {sum(r['dropped'] for r in rs)} | – | {fmt(median.get('compilerCpuMs'))} | {fmt(statistics.median(r['setupSeconds'] for r in rs), 2)} "
                  f"| {fmt(median.get('serverRssPerClientKiB'), 1)} | {fmt(median.get('serverThreads'))} | {fmt(median.get('loadavg'), 1)} |")
            continue
        print(f"| {row} | {proto} | {len(rs)} | {fmt(median['deliveriesPerSecond'])} ({all_rates}) "
              f"| {fmt(median['latencyP50Ms'], 2)} | {fmt(median['latencyP99Ms'], 2)} ({all_p99}) | {fmt(median['latencyMaxMs'], 2)} "
              f"| {sum(r['lost'] for r in rs)} | {sum(r['dropped'] for r in rs)} "
              f"| {fmt(cpu_us_per_delivery(median), 2)} | {fmt(median.get('compilerCpuMs'))} | {fmt(statistics.median(r['setupSeconds'] for r in rs), 2)} "
              f"| {fmt(median.get('serverRssPerClientKiB'), 1)} | {fmt(median.get('serverThreads'))} | {fmt(median.get('loadavg'), 1)} |")
    print_rounds(runs)


def figures(r):
    """What a row compares: setup seconds for the login rows (no deliveries), else CPU per delivery and deliveries/s."""
    if not r["senders"]:
        return {"setup s": r["setupSeconds"]}
    return {"server CPU µs/delivery": cpu_us_per_delivery(r), "deliveries/s": r["deliveriesPerSecond"]}


def print_rounds(runs):
    # idle5000 measures memory per client, which the first table shows; its setup is not compared.
    rows = sorted({row for (row, server) in runs if server == "irc" and row != "idle5000"})
    lines = []
    for row in rows:
        reference = {r["round"]: figures(r) for r in runs[(row, "irc")]}
        for server in ("tuichat", "tuichat-irc"):
            for what in figures(runs[(row, "irc")][0]):
                ratios = [figures(r)[what] / reference[r["round"]][what] for r in runs.get((row, server), [])
                          if r["round"] in reference and reference[r["round"]][what] and figures(r)[what] is not None]
                if ratios:
                    lines.append(f"| {row} | {server} | {what} | {len(ratios)} | {statistics.median(ratios):.2f} "
                                 f"| {'; '.join(f'{x:.2f}' for x in ratios)} |")
    if lines:
        print("\n| workload | server | figure | rounds | median of its ratio to ngIRCd's in the same round | every round |")
        print("|---|---|---|---|---|---|")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
