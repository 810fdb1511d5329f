"""The bench-convlstm-step network written the ordinary way in PyTorch; prints one JSON line."""
import argparse, json, os, statistics, time
import torch
from torch import nn


class ConvLSTMCell(nn.Module):
    def __init__(self, cin, hidden, gates=None):
        super().__init__()
        self.hidden = hidden
        self.gates = gates if gates is not None else nn.Conv2d(cin + hidden, 4 * hidden, 3, padding=1)

    def forward(self, xs):
        b, t, _, h, w = xs.shape
        hid = xs.new_zeros(b, self.hidden, h, w)
        cell = xs.new_zeros(b, self.hidden, h, w)
        outs = []
        for step in range(t):
            i, f, g, o = self.gates(torch.cat([xs[:, step], hid], 1)).chunk(4, 1)
            cell = torch.sigmoid(f) * cell + torch.sigmoid(i) * torch.tanh(g)
            hid = torch.sigmoid(o) * torch.tanh(cell)
            outs.append(hid)
        return torch.stack(outs, 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--device", default="cpu")
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--time", type=int, default=10)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = nn.Sequential(ConvLSTMCell(64, 64), ConvLSTMCell(64, 32), ConvLSTMCell(32, 64)).to(a.device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    clip = torch.randn(a.batch, a.time, 64, 32, 32, device=a.device)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = nn.functional.mse_loss(model(clip), clip)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.steps):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({"impl": "pytorch", "device": a.device, "threads": torch.get_num_threads(), "steps": a.steps,
                      "torch": torch.__version__, "median_ms": round(statistics.median(times), 2),
                      "mean_ms": round(statistics.mean(times), 2)}))


if __name__ == "__main__":
    main()
