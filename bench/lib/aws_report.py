#!/usr/bin/env python3
"""The tables of bench/aws, from its results.tsv and the per-phase call logs.

    aws_report.py RESULTS.tsv WORK_DIR CALLS.md HEADER

Prints the report (markdown: how each side was run, both tools side by side with the ratios
terraform/fnctl, and the issue's targets) and writes every API call by operation to CALLS.md.
"""
import collections
import os
import statistics
import sys

# The targets: a no-op plan of at most 3 calls per function and at least 5x faster than
# terraform plan; a create at least 3x faster than terraform apply; peak memory under a third.
MAX_PLAN_CALLS_PER_FUNCTION = 3
PLAN_SPEEDUP = 5
CREATE_SPEEDUP = 3
MEMORY_FRACTION = 3

SIDES = """\
| | fnctl | Terraform |
|---|---|---|
| create | `fnctl apply --auto-approve` (parallelism 10, the default) | `terraform apply -auto-approve` (parallelism 10, the default; `terraform init` before, not timed) |
| no-op plan | `fnctl plan --detailed-exitcode`: exit 0 and `No changes.` | `terraform plan -detailed-exitcode`: exit 0 and `No changes.` |
| code | `code: ./fn`: fnctl zips the directory and uploads it in each CreateFunction | one zip put into S3 once beforehand with the aws CLI (not timed, not counted); each function made from S3 (the provider uploads local zips one at a time) |
| per function | IAM role with AWSLambdaBasicExecutionRole (and, for a queue consumer, an inline consume policy); the Lambda function | the same: `aws_iam_role`, `aws_iam_role_policy_attachment`, `aws_iam_role_policy`, `aws_lambda_function` |
| schedule trigger | a schedule in the stack's schedule group; one scheduler role (inline invoke policy) for the stack | `aws_scheduler_schedule` in an `aws_scheduler_schedule_group`; `aws_iam_role` + `aws_iam_role_policy` |
| queue trigger | an SQS queue and an event source mapping | `aws_sqs_queue`, `aws_lambda_event_source_mapping` |
| http trigger | one HTTP API with the `$default` stage (auto-deploy) for the stack; an integration, a route and an invoke permission per function | `aws_apigatewayv2_api`, `aws_apigatewayv2_stage`; `aws_apigatewayv2_integration`, `aws_apigatewayv2_route`, `aws_lambda_permission` |
| tags | `fnctl-stack`, `fnctl-target` on roles, functions, queues, the schedule group and the API | the same tags on the same resources |
| memory | the JVM (the launcher execs java) | terraform plus its terraform-provider-aws process, summed |
"""


def main():
    results, work, calls_md, header = sys.argv[1:]
    runs = collections.defaultdict(list)  # (tool, n, create|plan) -> one dict per run
    sizes = []
    for line in open(results):
        tool, n, phase, wall, cpu, rss, calls, code, load, added = line.rstrip("\n").split("\t")
        n = int(n)
        if n not in sizes:
            sizes.append(n)
        runs[tool, n, phase.split(".")[0]].append({"s": int(wall) / 1000, "cpu": int(cpu) / 1000, "mb": int(rss) / 1024,
                                                   "calls": int(calls), "load": float(load), "added": added})
    rows = {key: summary(r) for key, r in runs.items()}

    plan_runs = max((r["runs"] for k, r in rows.items() if k[2] == "plan"), default=0)
    print(f"Measured {header}. Each tool and size on a fresh moto behind its own counting proxy; "
          f"creates once each, then {plan_runs} no-op plans per tool, the two taking turns.")
    print()
    print(SIDES)
    print("Wall and CPU seconds (CPU: user + system, Terraform's provider included); for the no-op plans the fastest "
          "run and, in brackets, the median. Load: the 1-minute load average as each phase started.")
    print()
    print("| N | phase | fnctl s | terraform s | speed-up | CPU s (fnctl / terraform) | fnctl calls | terraform calls "
          "| calls per function (fnctl / terraform) | fnctl peak MB | terraform peak MB | memory ratio | load (fnctl / terraform) |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        for phase, label in (("create", "create"), ("plan", "no-op plan")):
            f, t = rows.get(("fnctl", n, phase)), rows.get(("terraform", n, phase))
            if not f or not t:
                continue
            if phase == "create":
                label += f" ({f['added']} / {t['added']} resources)"
            print(f"| {n} | {label} | {seconds(f)} | {seconds(t)} | {t['s'] / f['s']:.1f}x | {f['cpu']:.1f} / {t['cpu']:.1f} "
                  f"| {f['calls']} | {t['calls']} "
                  f"| {f['calls'] / n:.1f} / {t['calls'] / n:.1f} | {f['mb']:.0f} | {t['mb']:.0f} | {t['mb'] / f['mb']:.1f}x "
                  f"| {f['load']} / {t['load']} |")
    print()
    print("Targets (from the issue), per N:")
    print()
    print("| N | no-op plan <= 3 calls per function | no-op plan >= 5x faster | create >= 3x faster | peak memory < 1/3 of Terraform's |")
    print("|---:|---|---|---|---|")
    for n in sizes:
        fp, tp = rows.get(("fnctl", n, "plan")), rows.get(("terraform", n, "plan"))
        fc, tc = rows.get(("fnctl", n, "create")), rows.get(("terraform", n, "create"))
        if not (fp and tp and fc and tc):
            continue
        per_fn = fp["calls"] / n
        plan_x = tp["s"] / fp["s"]
        create_x = tc["s"] / fc["s"]
        # Each tool's peak over the whole run: its create and its plans.
        f_mb, t_mb = max(fp["mb"], fc["mb"]), max(tp["mb"], tc["mb"])
        print(f"| {n} | {verdict(per_fn <= MAX_PLAN_CALLS_PER_FUNCTION)} ({per_fn:.2f}) | {verdict(plan_x >= PLAN_SPEEDUP)} ({plan_x:.1f}x) "
              f"| {verdict(create_x >= CREATE_SPEEDUP)} ({create_x:.1f}x) "
              f"| {verdict(f_mb * MEMORY_FRACTION < t_mb)} ({f_mb:.0f} MB vs {t_mb:.0f} MB) |")
    write_calls(calls_md, work, sizes)


def summary(runs):
    """One phase over its runs: the fastest wall and CPU time, the median wall, the largest peak and call count."""
    loads = sorted(r["load"] for r in runs)
    return {"s": min(r["s"] for r in runs), "median": statistics.median(r["s"] for r in runs),
            "cpu": min(r["cpu"] for r in runs), "mb": max(r["mb"] for r in runs),
            "calls": max(r["calls"] for r in runs), "added": runs[0]["added"], "runs": len(runs),
            "load": f"{loads[0]:.1f}" if len(loads) == 1 else f"{loads[0]:.1f}-{loads[-1]:.1f}"}


def seconds(row):
    return f"{row['s']:.1f}" if row["runs"] == 1 else f"{row['s']:.1f} ({row['median']:.1f})"


def verdict(ok):
    return "met" if ok else "**missed**"


def write_calls(path, work, sizes):
    """Every API call of every run, by service and operation, most frequent first."""
    with open(path, "w") as out:
        out.write("# API calls of bench/aws, by operation\n\n"
                  "Counted by the proxy in front of moto; REST paths with names and ids as {}.\n")
        for n in sizes:
            for phase in ("create", "plan.1"):
                for tool in ("fnctl", "terraform"):
                    log = os.path.join(work, f"{tool}-{n}", f"{phase}.calls")
                    if not os.path.exists(log):
                        continue
                    ops = collections.Counter()
                    errors = collections.Counter()
                    for line in open(log):
                        service, op, status = line.split("\t")[:3]
                        ops[service, op] += 1
                        if int(status) >= 400:
                            errors[service, op, status] += 1
                    total = sum(ops.values())
                    name = "create" if phase == "create" else "no-op plan (the first)"
                    out.write(f"\n## {tool}, N={n}, {name}: {total} calls ({total / n:.2f} per function)\n\n")
                    out.write("| service | operation | calls | per function |\n|---|---|---:|---:|\n")
                    for (service, op), c in ops.most_common():
                        out.write(f"| {service} | `{op}` | {c} | {c / n:.2f} |\n")
                    if errors:
                        out.write("\nAnswered with an error: " + ", ".join(
                            f"{s} `{o}` {st} x{c}" for (s, o, st), c in errors.most_common()) + "\n")


if __name__ == "__main__":
    main()
