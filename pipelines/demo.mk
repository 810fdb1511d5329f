# make demo: the main job end to end on moving-shapes, data the project makes itself
# (synth-video), in a few minutes on 2 cores: extract, clip, train, score, evaluate, plots; then the
# same test set scored with options chosen on painted normal videos.

demo_TRAIN_FRAMES = $(BIN)/synth-video moving-shapes --quiet --split train --videos $(if $(QUICK),8,40) --frames 40 --seed 1
demo_TEST_FRAMES = $(BIN)/synth-video moving-shapes --quiet --split test --videos $(if $(QUICK),6,12) --frames 40 --seed 2 \
  --labels $(RESULTS)/demo/work/labels.txt
demo_LABELS = $(RESULTS)/demo/work/labels.txt
demo_MODEL = stae
demo_STRIDES = 1,2
# 3000 steps: at 600 the training loss still halved every 200 steps (0.0019 at the end); at 3000 it
# falls 8% per 250 (0.0005), and the whole demo takes 4 minutes on 2 cores. QUICK=1: 600, where the
# network reconstructs the test frames better than the mean training frame does (0.42-0.64 of its
# error over five seeds); after 200 it did worse (1.06-1.15), a network that had not yet learned
# the background, whose AUC was luck.
demo_TRAIN_ARGS = --width-mult 0.25 --max-steps $(if $(QUICK),600,3000) --batch 8 --lr 1e-3 --checkpoint-every 200 --seed 1
demo_SCORE_ARGS = --measure sse --mapping last-frame
# Half the test videos are clean, so per-video min-max would stretch their noise to [0, 1]: pool raw errors.
demo_EVAL_ARGS = --normalize none
# Scoring chosen on fresh normal videos (another seed) with painted 10-frame events: results/demo/tuned/.
demo_VALIDATION_FRAMES = $(BIN)/synth-video moving-shapes --quiet --split train --videos $(if $(QUICK),4,12) --frames 40 --seed 3 -o -
demo_INJECT_ARGS = --period 40 --duration 10
demo_SWEEP_MEASURES = sse psnr
demo_SWEEP_MAPPINGS = last-frame mean
demo_SIZE = 64x64

$(eval $(call experiment,demo))

# The labels file comes with the test frames.
$(RESULTS)/demo/work/labels.txt: $(RESULTS)/demo/work/test-frames.vt
