# Moving MNIST as Luo et al. make it: videos drawn by synth-video's Luo protocol from the MNIST test
# digits, normal ones for training, and test ones with appearance anomalies (a 3x3 white box in 5
# consecutive frames) or motion anomalies (random motion after frame 10). What every Moving MNIST
# experiment (pipelines/mmnist-convlstm-ae.mk) shares.
# Data: DATA/mnist/t10k-images-idx3-ubyte.gz (`make fetch-mnist`).

MNIST_IMAGES ?= $(or $(firstword $(wildcard $(DATA)/mnist/t10k-images-idx3-ubyte.gz data/mnist/t10k-images-idx3-ubyte.gz)),$(DATA)/mnist/t10k-images-idx3-ubyte.gz)
mmnist_SIZE = $(if $(or $(CPU),$(QUICK)),64x64,225x225)
mmnist_TRAIN_VIDEOS = $(if $(QUICK),16,$(if $(CPU),600,10000))
mmnist_TEST_VIDEOS = $(if $(QUICK),8,$(if $(CPU),200,3000))
mmnist_SYNTH = $(BIN)/synth-video moving-mnist --quiet --protocol luo --mnist $(MNIST_IMAGES) --size $(mmnist_SIZE)

# $(1) experiment, $(2) anomaly, $(3) model, $(4) train args
define mmnist_experiment
$(1)_TRAIN_FRAMES = $(mmnist_SYNTH) --split train --videos $(mmnist_TRAIN_VIDEOS) --seed 1
$(1)_TEST_FRAMES = $(mmnist_SYNTH) --split test --anomaly $(2) --videos $(mmnist_TEST_VIDEOS) --seed 2 --labels $(RESULTS)/$(1)/work/labels.txt
$(1)_TRAIN_DATA = $(MNIST_IMAGES)
$(1)_TEST_DATA = $(MNIST_IMAGES)
$(1)_LABELS = $(RESULTS)/$(1)/work/labels.txt
$(1)_INPUTS = $(MNIST_IMAGES)
$(1)_FETCH = fetch-mnist
$(1)_MODEL = $(3)
$(1)_STRIDES = 1
$(1)_TRAIN_ARGS = $(if $(QUICK),--width-mult 0.125 --max-steps 10,$(4))
# Conv-AE has no memory: back-to-back windows, each frame its window's error. ConvLSTM-AE tests as on
# the real datasets (pipelines/ped2-convlstm-ae.mk): windows 5 apart from a zero state, each scoring its last 5
# frames by the root of eq. 3, so that no frame is scored from an empty memory with half of eq. 3.
$(1)_TEST_CLIPS = --strides 1 --step $(if $(filter convlstm-ae,$(3)),5,10)
$(1)_SCORE_ARGS = $(if $(filter convlstm-ae,$(3)),--measure luo-l2 --mapping second-half,--measure sse --mapping mean)
$(1)_EVAL_ARGS = --normalize per-video
# Scoring options chosen on fresh normal videos (another seed) with painted 5-frame events, like the box.
$(1)_VALIDATION_FRAMES = $(mmnist_SYNTH) --split train --videos $(if $(QUICK),8,100) --seed 3 -o -
$(1)_INJECT_ARGS = --period 20 --duration 5
$(1)_SWEEP_MEASURES = $(if $(filter convlstm-ae,$(3)),luo-l2 sse psnr,sse psnr)
$(1)_SWEEP_MAPPINGS = $(if $(filter convlstm-ae,$(3)),second-half mean,mean)
$(1)_SIZE = $(mmnist_SIZE)
# The motion experiments reuse the appearance models, so naming any of the four names them all.
$(1)_GOALS = mmnist-% $(RESULTS)/mmnist-%
$$(eval $$(call experiment,$(1)))
$(RESULTS)/$(1)/work/labels.txt: $(RESULTS)/$(1)/work/test-frames.vt
endef
