"""Training throughput of the plain next-action LSTM in PyTorch, for the `lstmframeworks` benchmark.

Same data (MSNBC, train split of BENCHMARKS.md section 2), same windows (64 items, 16 of burn-in), same
length-bucketed batches of about 2,048 time steps, same model (one-hot input of 18 symbols -> LSTM ->
linear over 17 actions), Adam, loss at every step. Trains for SECONDS seconds and prints one JSON line.
Usage: python3 lstm_throughput.py MSNBC_SEQ_GZ SECONDS HIDDEN THREADS
"""
import gzip
import json
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn

path, seconds, hidden, threads = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
torch.manual_seed(1)
random.seed(1)
V, WINDOW, BURN, TOKENS, LANES = 17, 64, 16, 2048, 1024

sessions, started = [], False
with gzip.open(path, "rt", newline="") as f:
    for line in f:
        if line.startswith("% Sequences"):
            started = True
            continue
        if started and line.strip():
            sessions.append(np.array([int(x) - 1 for x in line.split()], dtype=np.int64))
train = [s for i, s in enumerate(sessions) if i % 5 != 4]

windows = []
for si, s in enumerate(train):
    n, nxt, frm = len(s), 1, 0
    while nxt < n:
        to = min(n, frm + WINDOW)
        windows.append((si, frm, to, nxt))
        nxt, frm = to, max(0, to - BURN - 1)
windows.sort(key=lambda w: w[2] - w[1])
batches, cur = [], []
for w in windows:
    steps = w[2] - w[1] - 1
    if cur and (len(cur) + 1 > LANES or (len(cur) + 1) * steps > TOKENS):
        batches.append(cur)
        cur = []
    cur.append(w)
batches.append(cur)
random.shuffle(batches)


def encode(batch):
    T, B = max(w[2] - w[1] - 1 for w in batch), len(batch)
    x = np.full((T, B), V, dtype=np.int64)
    y = np.zeros((T, B), dtype=np.int64)
    m = np.zeros((T, B), dtype=np.float32)
    for b, (si, frm, to, sf) in enumerate(batch):
        s, k = train[si], to - 1 - frm
        x[:k, b], y[:k, b] = s[frm:to - 1], s[frm + 1:to]
        m[sf - 1 - frm:k, b] = 1
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(m)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(V + 1, hidden)
        self.out = nn.Linear(hidden, V)

    def forward(self, x):
        return self.out(self.lstm(nn.functional.one_hot(x, V + 1).float())[0])


net = Net()
opt = torch.optim.Adam(net.parameters(), lr=0.004)
t0, targets, steps = time.time(), 0.0, 0
while time.time() - t0 < seconds:
    x, y, m = encode(batches[steps % len(batches)])
    loss = (nn.functional.cross_entropy(net(x).reshape(-1, V), y.reshape(-1), reduction="none") * m.reshape(-1)).sum() / m.sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
    steps += 1
    targets += float(m.sum())
elapsed = time.time() - t0
print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": threads, "hidden": hidden, "seconds": elapsed, "batches": steps, "targets": targets, "targets_per_second": targets / elapsed}))
