#!/usr/bin/env python3
"""Imitates a PyTorch training loop with a tqdm progress bar, for watching with Chirp (Run > Run Command...).

One bar per epoch, redrawn in place with \\r, with the loss, the accuracy and the learning rate (a cosine schedule)
in its postfix (bar.set_postfix(loss=..., acc=..., lr=...)), and the validation loss and accuracy printed after each
epoch, as most PyTorch code is written. Uses tqdm when it is installed
(Debian: python3-tqdm), a few lines of its own that draw the same bar otherwise. Standard library besides.

    python3 examples/train_tqdm.py [--epochs N] [--batches N] [--delay SECONDS] [--seed N]
"""
import argparse
import math
import random
import sys
import time

try:
    from tqdm import tqdm
except ImportError:  # the same bar in a few lines: "\\r" + state, then "\\n" when the epoch ends
    class tqdm:
        def __init__(self, iterable, desc="", file=None, **_):
            self.items, self.desc, self.file, self.postfix = list(iterable), desc, file or sys.stderr, ""
            self.start = time.monotonic()

        def set_postfix(self, **values):
            self.postfix = ", ".join(f"{k}={v}" for k, v in values.items())

        def _draw(self, n):
            total, elapsed = len(self.items), time.monotonic() - self.start
            rate = n / elapsed if elapsed > 0 else 0
            left = (total - n) / rate if rate > 0 else 0
            bar = "#" * (10 * n // total) + " " * (10 - 10 * n // total)
            clock = lambda s: f"{int(s) // 60:02d}:{int(s) % 60:02d}"
            self.file.write(f"\r{self.desc}: {100 * n // total:3d}%|{bar}| {n}/{total} [{clock(elapsed)}<{clock(left)},"
                            f" {rate:.2f}it/s{', ' + self.postfix if self.postfix else ''}]")
            self.file.flush()

        def __iter__(self):
            for n, item in enumerate(self.items):
                self._draw(n)
                yield item
            self._draw(len(self.items))
            self.file.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batches", type=int, default=60)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per batch")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    print(f"Training a small model for {args.epochs} epochs of {args.batches} batches", flush=True)
    step, total = 0, args.epochs * args.batches
    for epoch in range(1, args.epochs + 1):
        bar = tqdm(range(args.batches), desc=f"Epoch {epoch}", file=sys.stderr)
        for _ in bar:
            step += 1
            loss = 2.0 * math.exp(-3.0 * step / total) + 0.1 + rng.gauss(0, 0.05)
            acc = 0.95 - 0.85 * math.exp(-4.0 * step / total) + rng.gauss(0, 0.015)
            lr = 1e-5 + 0.5 * (1e-3 - 1e-5) * (1 + math.cos(math.pi * step / total))
            bar.set_postfix(loss=f"{loss:.3f}", acc=f"{acc:.3f}", lr=f"{lr:.2e}")
            time.sleep(args.delay)
        val_loss = 2.0 * math.exp(-3.0 * step / total) + 0.15 + rng.gauss(0, 0.02)
        val_acc = 0.93 - 0.85 * math.exp(-4.0 * step / total) + rng.gauss(0, 0.01)
        print(f"epoch {epoch}: val_loss={val_loss:.4f} val_acc={val_acc:.4f}", flush=True)
    print("Training finished", flush=True)


if __name__ == "__main__":
    main()
