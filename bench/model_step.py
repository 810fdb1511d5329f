"""bench-model-step's networks (stae, convlstm-ae) written the ordinary way in PyTorch, with the same
layers, initial weights' distributions, loss and optimiser (Sources/Models, docs/models.md), timed the
same way: one training step and scoring throughput on u8 clips. Prints one JSON line."""
import argparse, json, math, os, time
import torch
from torch import nn
from torch.nn import functional as F

from convlstm_step import ConvLSTMCell  # the cell the ConvLSTM benchmark times


def scaled(channels, mult):
    return max(1, math.floor(channels * mult + 0.5))  # ModelConfig.scaled rounds halves up, unlike round()


def output_paddings(size, windows):
    """Per encoder window (k, s, p), the output padding that lets its transposed twin restore its input size."""
    pads = []
    for k, s, p in windows:
        out = [(n + 2 * p - k) // s + 1 for n in size]
        pads.append(tuple(n - ((m - 1) * s - 2 * p + k) for n, m in zip(size, out)))
        size = out
    return pads


def layer(cls, cin, cout, window, fill, **kwargs):
    """nn.Conv2d or nn.ConvTranspose2d with the window's geometry, weights drawn by `fill`, zero biases."""
    conv = cls(cin, cout, *window, **kwargs)
    with torch.no_grad():
        fill(conv.weight)
        conv.bias.zero_()
    return conv


def caffe_xavier(fan_in):
    bound = math.sqrt(3 / fan_in)
    return lambda w: nn.init.uniform_(w, -bound, bound)


def per_frame(net, clips):
    b, t = clips.shape[:2]
    frames = net(clips.reshape(b * t, *clips.shape[2:]))
    return frames.reshape(b, t, *frames.shape[1:])


class ChannelNorm(nn.LayerNorm):
    """Keras' LayerNormalization on NCHW maps: each pixel's channel vector, eps 1e-3."""

    def __init__(self, channels):
        super().__init__(channels, eps=1e-3)

    def forward(self, x):
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class ConvLSTM(ConvLSTMCell):
    """3x3 ConvLSTM, one gate convolution over cat([x, h]), zero initial state, initialised like the Swift model."""

    def __init__(self, cin, hidden, fill, forget_bias):
        super().__init__(cin, hidden, gates=layer(nn.Conv2d, cin + hidden, 4 * hidden, (3, 1, 1), fill))
        with torch.no_grad():
            self.gates.bias[hidden:2 * hidden] = forget_bias


class STAE(nn.Module):
    """Chong & Tay's spatiotemporal autoencoder (Sources/Models/STAE.swift)."""
    windows = [(11, 4, 4), (5, 2, 2)]

    def __init__(self, c, height, width, mult):
        super().__init__()
        c128, c64, c32 = scaled(128, mult), scaled(64, mult), scaled(32, mult)
        pads = output_paddings((height, width), self.windows)
        fill = nn.init.xavier_uniform_
        self.encoder = nn.Sequential(layer(nn.Conv2d, c, c128, self.windows[0], fill), ChannelNorm(c128),
                                     layer(nn.Conv2d, c128, c64, self.windows[1], fill), ChannelNorm(c64))
        self.lstms = nn.ModuleList([ConvLSTM(cin, h, fill, 1) for cin, h in [(c64, c64), (c64, c32), (c32, c64)]])
        self.norms = nn.ModuleList([ChannelNorm(h) for h in (c64, c32, c64)])
        self.decoder = nn.Sequential(
            layer(nn.ConvTranspose2d, c64, c128, self.windows[1], fill, output_padding=pads[1]), ChannelNorm(c128),
            layer(nn.ConvTranspose2d, c128, c, self.windows[0], fill, output_padding=pads[0]), nn.Sigmoid())

    def optimizer(self):
        return torch.optim.Adam(self.parameters(), lr=1e-4, eps=1e-6)

    def prepare(self, pixels, device):
        return pixels.to(device, torch.float32) / 255

    def forward(self, x):
        x = per_frame(self.encoder, x)
        for lstm, norm in zip(self.lstms, self.norms):
            x = per_frame(norm, lstm(x))
        return per_frame(self.decoder, x)

    def loss(self, clips):
        return F.mse_loss(self(clips), clips)

    def reconstruct(self, clips):
        return {"recon": self(clips)}


class ConvLSTMAE(nn.Module):
    """Luo, Liu & Gao's ConvLSTM-AE (Sources/Models/ConvLSTMAE.swift): two DeconvNets read one ConvLSTM."""
    windows = [(7, 4, 3), (5, 2, 2), (3, 2, 1)]

    def __init__(self, c, height, width, mult):
        super().__init__()
        ch = [c, scaled(128, mult), scaled(256, mult), scaled(512, mult)]
        pads = output_paddings((height, width), self.windows)
        fill = lambda w: caffe_xavier(w[0].numel())(w)  # fan-in: the blob's size over its first axis
        self.encoder = nn.Sequential(*[m for i, window in enumerate(self.windows)
                                       for m in (layer(nn.Conv2d, ch[i], ch[i + 1], window, fill), nn.ReLU())])
        self.lstm = ConvLSTM(ch[3], ch[3], caffe_xavier(ch[3] * 9), 0)  # Caffe's W_xc and W_hc each see ch[3]

        def deconvnet():
            return nn.Sequential(*[m for i in (2, 1, 0) for m in (
                layer(nn.ConvTranspose2d, ch[i + 1], ch[i], self.windows[i], fill, output_padding=pads[i]),
                nn.ReLU() if i else nn.Tanh())])
        self.current, self.previous = deconvnet(), deconvnet()

    def optimizer(self):
        return torch.optim.Adagrad(self.parameters(), lr=0.01, eps=1e-8)

    def prepare(self, pixels, device):
        return pixels.to(device, torch.float32) / 127.5 - 1

    def forward(self, x):
        h = self.lstm(per_frame(self.encoder, x))
        return per_frame(self.current, h), per_frame(self.previous, h[:, 1:])

    def loss(self, clips):
        """Eq. 2: 1/2 sum_t |X_t - R_t,t|^2 + |X_t-1 - R_t,t-1|^2, averaged over the clips."""
        now, before = self(clips)
        squares = F.mse_loss(now, clips, reduction="sum") + F.mse_loss(before, clips[:, :-1], reduction="sum")
        return squares * (0.5 / clips.shape[0])

    def reconstruct(self, clips):
        now, before = self(clips)
        return {"recon": (now + 1) / 2, "recon_prev": torch.cat([clips.new_zeros(clips[:, :1].shape), (before + 1) / 2], 1)}


MODELS = {"stae": STAE, "convlstm-ae": ConvLSTMAE}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=MODELS, default="stae")
    p.add_argument("--size", default="128x128", help="frame size WxH")
    p.add_argument("--width-mult", type=float, default=0.25)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--time", type=int, default=10)
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--device", default="cpu")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    width, height = map(int, a.size.lower().split("x"))
    model = MODELS[a.model](a.channels, height, width, a.width_mult).to(a.device)
    opt = model.optimizer()
    pixels = torch.randint(0, 256, (a.batch, a.time, a.channels, height, width), dtype=torch.uint8, device=a.device)
    sync = torch.cuda.synchronize if a.device.startswith("cuda") else lambda: None

    def train():
        opt.zero_grad(set_to_none=True)
        loss = model.loss(model.prepare(pixels, a.device))
        loss.backward()
        opt.step()
        loss.item()

    def score():
        with torch.no_grad():
            model.reconstruct(model.prepare(pixels, a.device))
        sync()

    def timings(body):
        """Median (the upper one, as the Swift side) and mean milliseconds over a.steps runs after a.warmup."""
        for _ in range(a.warmup):
            body()
        times = []
        for _ in range(a.steps):
            start = time.perf_counter()
            body()
            times.append((time.perf_counter() - start) * 1e3)
        return sorted(times)[len(times) // 2], sum(times) / len(times)

    train_median, train_mean = timings(train)
    model.eval()
    score_median, _ = timings(score)
    print(json.dumps({"impl": "pytorch", "model": a.model, "device": a.device, "threads": torch.get_num_threads(),
                      "batch": a.batch, "time": a.time, "channels": a.channels, "height": height, "width": width,
                      "width_mult": a.width_mult, "params": sum(p.numel() for p in model.parameters()),
                      "steps": a.steps, "torch": torch.__version__, "train_step_ms": round(train_median, 2),
                      "train_step_mean_ms": round(train_mean, 2),
                      "score_clips_per_s": round(a.batch / (score_median / 1e3), 2)}))


if __name__ == "__main__":
    main()
