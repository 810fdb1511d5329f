# ped2-convstae: Nayak et al.'s ConvSTAE (`convstae`) on UCSD Ped2, scored by their eqs. 10-13: each
# pixel's error norm summed over the frame (on grey frames the absolute error), summed over a window
# and given to the frame it starts at (the paper names no mapping; the tutorial of the model it builds
# on, its ref. [6], scores a window there), then (e - min) / max within each video.
# CPU=1: the paper's width for 7000 steps on both cores. At half width a step took 0.19 s once
# transposed convolutions ran through oneDNN and denormals were flushed, the paper's width 0.47 s on
# an Intel Xeon with AVX-512 and 0.81 s on an AMD EPYC with AVX2 (docs/models.md). 12000 steps took
# 94 minutes on the Xeon and about 2.6 hours on the EPYC (0.77 s a step alone); 7000 took 94 minutes
# there and scored as 12000 had (results/ped2-convstae/README.md), so 7000 fit two hours on both.
UCSD_EXPERIMENTS += ped2-convstae
ped2-convstae_DATASET = ped2
ped2-convstae_MODEL = convstae
ped2-convstae_PAPER_SIZE = 256x256
ped2-convstae_PAPER_ARGS = --epochs 50
ped2-convstae_CPU_ARGS = --max-steps 7000 --schedule cosine --lr 1e-3
ped2-convstae_SCORE_ARGS = --measure pixel-l2 --mapping window-start
ped2-convstae_EVAL_ARGS = --column abnormality_tutorial --normalize none
ped2-convstae_TEST_CLIPS = --test
