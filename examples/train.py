#!/usr/bin/env python3
"""Imitates a machine-learning training run, for watching with Chirp (Run > Run Command...).

Prints what a training loop prints: plain progress lines, one metrics line per step
(step=... loss=... acc=...), validation results per epoch, and a warning on stderr.
Standard library only.

    python3 examples/train.py [--epochs N] [--steps-per-epoch N] [--delay SECONDS] [--seed N]
"""
import argparse
import json
import math
import random
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--steps-per-epoch", type=int, default=25)
    parser.add_argument("--delay", type=float, default=0.08, help="seconds per step")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    print(f"Loading dataset: {args.epochs * args.steps_per_epoch * 32} samples in batches of 32")
    print("Model: 3 layers, 1.2 M parameters")
    step = 0
    for epoch in range(1, args.epochs + 1):
        print(f"Epoch {epoch}/{args.epochs}")
        for _ in range(args.steps_per_epoch):
            step += 1
            progress = step / (args.epochs * args.steps_per_epoch)
            loss = 2.3 * math.exp(-3.2 * progress) + 0.08 + rng.gauss(0, 0.04)
            acc = min(0.99, 0.1 + 0.85 * (1 - math.exp(-4.0 * progress)) + rng.gauss(0, 0.015))
            print(f"step={step} loss={loss:.4f} acc={acc:.4f}")
            time.sleep(args.delay)
        val_loss = 2.3 * math.exp(-3.0 * epoch / args.epochs) + 0.12 + rng.gauss(0, 0.02)
        val_acc = min(0.98, 0.1 + 0.8 * (1 - math.exp(-3.6 * epoch / args.epochs)))
        # the same kind of result as a JSON line, as many training loggers write it
        print(json.dumps({"step": step, "val_loss": round(val_loss, 4), "val_acc": round(val_acc, 4)}))
        if epoch == args.epochs // 2:
            print("warning: learning rate plateau detected, keeping lr=1e-3", file=sys.stderr)
    print("Training finished; saving checkpoint to ./checkpoint.pt (simulated)")


if __name__ == "__main__":
    main()
