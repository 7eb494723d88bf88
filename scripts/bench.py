#!/usr/bin/env python3
"""Measures the game beside the baseline example (an empty Bevy UI app with the same
features) in one run, for docs/benchmarks.md.

    cargo build --release --bin rapport --example baseline
    python3 scripts/bench.py            # needs Xvfb and Mesa (lavapipe), or a display

Figures: time from launch to the first rendered menu frame (median of 5), CPU over 20 idle
seconds on the conversation screen (and the frames the game rendered meanwhile), peak memory
(VmHWM) of that run, and frame times
(p50/p95) while the dialogue log scrolls.
"""
import os, statistics, subprocess, sys, time, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAME = os.path.join(ROOT, "target/release/rapport")
BASE = os.path.join(ROOT, "target/release/examples/baseline")
SCENARIO = os.environ.get("BENCH_SCENARIO", "corner-cafe")
TICK = os.sysconf("SC_CLK_TCK")


def env():
    e = dict(os.environ)
    e.pop("CARGO_MANIFEST_DIR", None)  # a copied binary: embedded scenarios, no watching
    e["RUST_LOG"] = "error"
    return e


def startup(cmd):
    t0 = time.time() * 1000
    out = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=120).stdout
    line = [l for l in out.splitlines() if l.startswith("first-menu-frame-epoch-ms")][0]
    return float(line.split()[1]) - t0


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def hwm_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for l in f:
            if l.startswith("VmHWM:"):
                return int(l.split()[1]) / 1024
    return 0.0


def idle(cmd, settle=8.0, window=20.0):
    """CPU % of one core and CPU ticks over `window` idle seconds after `settle`, peak memory,
    and (for the game) the frames it rendered over the same 20 s, which it counts itself."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env(), text=True)
    try:
        time.sleep(settle)
        a = cpu_ticks(p.pid)
        time.sleep(window)
        b = cpu_ticks(p.pid)
        mem = hwm_mb(p.pid)
        time.sleep(1.0)
    finally:
        p.kill()
        out, _ = p.communicate()
    frames = [l.split()[1] for l in out.splitlines() if l.startswith("idle-frames-over-20s")]
    return 100.0 * (b - a) / TICK / window, mem, b - a, frames[0] if frames else "-"


def scroll(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=300).stdout
    line = [l for l in out.splitlines() if l.startswith("scroll-frame-ms")][0].split()
    return float(line[2]), float(line[4])


def main():
    own = None
    if "DISPLAY" not in os.environ:
        if not shutil.which("Xvfb"):
            sys.exit("needs a display or Xvfb")
        own = subprocess.Popen(["Xvfb", ":77", "-screen", "0", "1280x720x24"], stderr=subprocess.DEVNULL)
        os.environ["DISPLAY"] = ":77"
        time.sleep(1.5)
    try:
        runs = 5
        g = [startup([GAME, "--bench", "startup", "--no-watch"]) for _ in range(runs)]
        b = [startup([BASE, "startup"]) for _ in range(runs)]
        print(f"startup ms: game median {statistics.median(g):.0f} (runs {', '.join(f'{x:.0f}' for x in g)})")
        print(f"startup ms: baseline median {statistics.median(b):.0f} (runs {', '.join(f'{x:.0f}' for x in b)})")
        print(f"startup ratio: {statistics.median(g) / statistics.median(b):.2f}")
        gc, gm, gt, gf = idle([GAME, "--bench", "idle", "--no-watch", "--scenario", SCENARIO, "--seed", "1"])
        bc, bm, bt, _ = idle([BASE, "idle"])
        print(f"idle over 20 s: cpu % of one core game {gc:.2f} ({gt} ticks, {gf} frames), baseline {bc:.2f} ({bt} ticks)")
        print(f"peak rss MB: game {gm:.1f}, baseline {bm:.1f}, ratio {gm / bm:.2f}")
        gp50, gp95 = scroll([GAME, "--bench", "scroll", "--no-watch", "--scenario", SCENARIO, "--seed", "1"])
        bp50, bp95 = scroll([BASE, "scroll"])
        print(f"scroll frame ms: game p50 {gp50:.2f} p95 {gp95:.2f}; baseline p50 {bp50:.2f} p95 {bp95:.2f}")
    finally:
        if own:
            own.kill()


if __name__ == "__main__":
    main()
