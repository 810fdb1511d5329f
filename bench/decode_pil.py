"""Decode + greyscale + resize every frame under a folder with PIL and NumPy, the ordinary way;
prints one JSON line with frames/s. The same work as `frames-extract --gray --size WxH --filter bilinear-aa`
(PIL's BILINEAR resize is the antialiased triangle filter)."""
import argparse, glob, json, os, time
import numpy as np
from PIL import Image

p = argparse.ArgumentParser()
p.add_argument("root")
p.add_argument("--size", default="256x256")
a = p.parse_args()
w, h = map(int, a.size.split("x"))
paths = sorted(glob.glob(os.path.join(a.root, "**", "*.jpg"), recursive=True))
start = time.perf_counter()
checksum = 0
for path in paths:
    frame = np.asarray(Image.open(path).convert("L").resize((w, h), Image.BILINEAR), dtype=np.uint8)
    checksum += int(frame[0, 0])
elapsed = time.perf_counter() - start
print(json.dumps({"impl": "pil", "frames": len(paths), "seconds": round(elapsed, 3), "frames_per_s": round(len(paths) / elapsed, 1)}))
